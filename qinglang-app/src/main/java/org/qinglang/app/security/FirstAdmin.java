package org.qinglang.app.security;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The first start (首次启动): with no console user yet, creates {@code admin} with the password in
 * {@code QINGLANG_ADMIN_PASSWORD}, or a random one printed once to standard output (never to the log and
 * never stored but as a bcrypt hash). There is no default password. A printed password is a one-time
 * password: the admin must change it at the first sign-in before any other console page works. A password
 * from the environment is the operator's own choice and is kept (it must still meet {@link PasswordPolicy}).
 */
@Component
final class FirstAdmin implements ApplicationRunner {

    static final String ENV = "QINGLANG_ADMIN_PASSWORD";
    static final String USERNAME = "admin";

    private final ConsoleUsers users;

    FirstAdmin(ConsoleUsers users) {
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        create(System.getenv(ENV), new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    /** Creates the first admin if there is no user: with {@code given} if set, else a one-time password on {@code out}. */
    void create(String given, PrintStream out) {
        if (!users.none()) {
            return;
        }
        if (given != null && !given.isEmpty()) {
            users.create(USERNAME, given, Role.ADMIN, false, "system");
            out.println("清朗 Qinglang: created console user 'admin' with the password from " + ENV + ".");
            return;
        }
        String password = ConsoleUsers.oneTimePassword();
        users.create(USERNAME, password, Role.ADMIN, true, "system");
        out.println("清朗 Qinglang: created console user 'admin'. Its one-time password, shown this once "
                + "(change it at the first sign-in):");
        out.println();
        out.println("    " + password);
        out.println();
        out.println("首次启动已创建控制台用户 admin，以上一次性密码只显示这一次，首次登录后须立即修改。");
    }
}
