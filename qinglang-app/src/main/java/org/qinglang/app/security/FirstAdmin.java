package org.qinglang.app.security;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The first start (首次启动): with no console user yet, creates {@code admin} with the password in
 * {@code QINGLANG_ADMIN_PASSWORD}, or a random one printed once to standard output (never to the log and
 * never stored but as a bcrypt hash). There is no default password.
 */
@Component
final class FirstAdmin implements ApplicationRunner {

    static final String ENV = "QINGLANG_ADMIN_PASSWORD";
    static final String USERNAME = "admin";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final ConsoleUsers users;

    FirstAdmin(ConsoleUsers users) {
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!users.none()) {
            return;
        }
        String given = System.getenv(ENV);
        String password = given != null && !given.isEmpty() ? given : random(20);
        users.create(USERNAME, password, Role.ADMIN, "system");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (given != null && !given.isEmpty()) {
            out.println("清朗 Qinglang: created console user 'admin' with the password from " + ENV + ".");
        } else {
            out.println("清朗 Qinglang: created console user 'admin'. Its password, shown this once:");
            out.println();
            out.println("    " + password);
            out.println();
            out.println("首次启动已创建控制台用户 admin，以上密码只显示这一次。");
        }
    }

    static String random(int length) {
        SecureRandom rnd = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
