package org.qinglang.app.security;

import org.qinglang.app.api.ApiException;
import org.qinglang.app.api.FieldError;
import org.qinglang.app.api.Msg;
import org.qinglang.app.audit.AuditTrail;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The console's users (控制台用户): one role each, passwords kept as bcrypt hashes, never shown or logged.
 * A user whose password someone else chose (the first admin's one-time password, a user an admin made) must
 * change it at the first sign-in ({@link ConsoleAccountFilter}), as must a user whose password an admin reset.
 * Creating a user, changing a role, disabling or enabling one, changing and resetting a password are audited; an admin cannot disable or re-role themselves, so an
 * enabled admin always remains. Thread-safe.
 */
@Service
public class ConsoleUsers implements UserDetailsService {

    /** A user as listed: never the password or its hash. */
    public record Account(String username, Role role, boolean enabled, boolean mustChangePassword, Instant createdAt) {
    }

    /** 2 to 59 characters: the audit trail's actor is {@code user:} and the name, in a 64-character column. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,58}");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "username, role, enabled, must_change_password, created_at";

    private final JdbcClient db;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;

    public ConsoleUsers(JdbcClient db, PasswordEncoder passwords, AuditTrail audit) {
        this.db = db;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return db.sql("select username, password_hash, role, enabled from console_user where username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString(1)).password(rs.getString(2))
                        .authorities(List.of(new SimpleGrantedAuthority("ROLE_" + Role.fromId(rs.getString(3)).name())))
                        .disabled(!rs.getBoolean(4)).build())
                .optional().orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** True if there is no user yet (the first start). */
    public boolean none() {
        return db.sql("select count(*) from console_user").query(Long.class).single() == 0;
    }

    /** The role of {@code username}, if there is such a user. */
    public Optional<Role> roleOf(String username) {
        return find(username).map(Account::role);
    }

    /** The user {@code username}, if there is one. */
    public Optional<Account> find(String username) {
        return db.sql("select " + COLUMNS + " from console_user where username = ?").param(username)
                .query(ConsoleUsers::account).optional();
    }

    /** Every user, by name. */
    public List<Account> list() {
        return db.sql("select " + COLUMNS + " from console_user order by username").query(ConsoleUsers::account).list();
    }

    /**
     * Creates a user with {@code password}; {@code by} is who did it, for the audit trail. With
     * {@code mustChangePassword} the user must choose their own password at the first sign-in.
     *
     * @throws ApiException 400 for a bad name or a password against {@link PasswordPolicy}, 409 if the name is taken
     */
    @Transactional
    public void create(String username, String password, Role role, boolean mustChangePassword, String by) {
        if (!NAME.matcher(username).matches()) {
            throw ApiException.badField(FieldError.badValue("username", "用户名为 2 到 59 个 a-z、0-9、.、_、- 字符，且以字母或数字开头",
                    "a user name is 2 to 59 of a-z, 0-9, '.', '_', '-', starting with a letter or digit"));
        }
        PasswordPolicy.check(username, password, "password").ifPresent(e -> {
            throw ApiException.badField(e);
        });
        if (find(username).isPresent()) {
            throw taken(username);
        }
        try {
            db.sql("insert into console_user (username, password_hash, role, enabled, must_change_password, created_at) "
                            + "values (?, ?, ?, true, ?, ?)")
                    .params(username, passwords.encode(password), role.id(), mustChangePassword,
                            OffsetDateTime.now(ZoneOffset.UTC)).update();
        } catch (DuplicateKeyException e) {
            throw taken(username);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("username", username);
        after.put("role", role.id());
        after.put("mustChangePassword", mustChangePassword);
        audit.append(by, "user.create", "user:" + username, null, after);
    }

    /**
     * Creates a user with a random one-time password, returned to be shown once; they must change it at the
     * first sign-in.
     */
    @Transactional
    public String createWithOneTimePassword(String username, Role role, String by) {
        String password = oneTimePassword();
        create(username, password, role, true, by);
        return password;
    }

    /** Gives {@code username} the role {@code role}. Nobody changes their own role. */
    @Transactional
    public void changeRole(String username, Role role, String by) {
        notSelf(username, by);
        lockWithActor(username, by);
        Account a = existing(username);
        if (a.role() == role) {
            return;
        }
        db.sql("update console_user set role = ? where username = ?").params(role.id(), username).update();
        audit.append(by, "user.role", "user:" + username, Map.of("role", a.role().id()), Map.of("role", role.id()));
    }

    /** Enables or disables {@code username}; a disabled user can no longer sign in, and their session ends. */
    @Transactional
    public void setEnabled(String username, boolean enabled, String by) {
        notSelf(username, by);
        lockWithActor(username, by);
        Account a = existing(username);
        if (a.enabled() == enabled) {
            return;
        }
        db.sql("update console_user set enabled = ? where username = ?").params(enabled, username).update();
        audit.append(by, enabled ? "user.enable" : "user.disable", "user:" + username, Map.of("enabled", a.enabled()),
                Map.of("enabled", enabled));
    }

    /**
     * Changes the password of {@code username} from {@code current} to {@code next} and lifts the duty to change
     * it. Audited without either password.
     *
     * @throws ApiException 400 naming the field: {@code current} wrong, {@code next} against {@link PasswordPolicy}
     *                      or the same as the current one
     */
    @Transactional
    public void changePassword(String username, String current, String next, String by) {
        Account a = existing(username);
        String hash = db.sql("select password_hash from console_user where username = ? for update").param(username)
                .query(String.class).single();
        if (!passwords.matches(current, hash)) {
            throw ApiException.badField(FieldError.badValue("current", "当前密码不正确", "the current password is wrong"));
        }
        PasswordPolicy.check(username, next, "password").ifPresent(e -> {
            throw ApiException.badField(e);
        });
        if (next.equals(current)) {
            throw ApiException.badField(FieldError.badValue("password", "新密码不能与当前密码相同",
                    "the new password must differ from the current one"));
        }
        db.sql("update console_user set password_hash = ?, must_change_password = false where username = ?")
                .params(passwords.encode(next), username).update();
        audit.append(by, "user.password", "user:" + username, Map.of("mustChangePassword", a.mustChangePassword()),
                Map.of("mustChangePassword", false));
    }

    /**
     * Resets the password of {@code username} to a random one-time password (重置密码), returned to be shown
     * once: the user must change it at their next sign-in, and a session they already have is held on the password
     * page ({@link ConsoleAccountFilter}) until then, where it needs the new one-time password. Audited as
     * {@code user.password.reset} without the password or its hash. Nobody resets their own password this way:
     * they change it at {@code /console/password}, which asks for the current one.
     *
     * @throws ApiException 404 if there is no such user, 409 for one's own account
     */
    @Transactional
    public String resetPassword(String username, String by) {
        Account a = existing(username);
        if (by.equals("user:" + username)) {
            throw new ApiException(HttpStatus.CONFLICT, "self", "username", OptionalLong.empty(),
                    new Msg("不能在此重置自己的密码，请在“修改密码”页面修改（需输入当前密码）",
                            "you cannot reset your own password here: change it on the password page (with your current one)"));
        }
        String password = oneTimePassword();
        db.sql("update console_user set password_hash = ?, must_change_password = true where username = ?")
                .params(passwords.encode(password), username).update();
        audit.append(by, "user.password.reset", "user:" + username, Map.of("mustChangePassword", a.mustChangePassword()),
                Map.of("mustChangePassword", true));
        return password;
    }

    /** A random password of 20 letters and digits (about 116 bits), without look-alikes such as 0/O and 1/l. */
    public static String oneTimePassword() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private Account existing(String username) {
        return find(username).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found", "username",
                OptionalLong.empty(), new Msg("没有用户 " + username, "there is no user " + username)));
    }

    /**
     * Locks the rows of {@code username} and of the admin acting ({@code by}, {@code user:name}), in name order, and
     * refuses if the actor is no longer an enabled admin: of two admins disabling or demoting each other at the same
     * moment, the second waits for the first and is then refused, instead of both succeeding and leaving no admin.
     */
    private void lockWithActor(String username, String by) {
        if (!by.startsWith("user:")) {
            return; // the server itself (first start) or a test
        }
        String actor = by.substring("user:".length());
        List<String> names = new ArrayList<>(new TreeSet<>(List.of(username, actor)));
        db.sql("select username from console_user where username in (" + String.join(", ",
                        Collections.nCopies(names.size(), "?")) + ") order by username for update")
                .params(names.stream().<Object>map(n -> n).toList()).query(String.class).list();
        Optional<Account> me = find(actor);
        if (me.isPresent() && (!me.get().enabled() || me.get().role() != Role.ADMIN)) {
            throw new ApiException(HttpStatus.CONFLICT, "actor_changed", "", OptionalLong.empty(),
                    new Msg("您的管理员账号已被停用或改为其他角色", "your admin account was disabled or given another role"));
        }
    }

    private static void notSelf(String username, String by) {
        if (by.equals("user:" + username)) {
            throw new ApiException(HttpStatus.CONFLICT, "self", "username", OptionalLong.empty(),
                    new Msg("不能更改自己的角色或停用自己（请由另一位管理员操作）",
                            "you cannot change your own role or disable yourself (ask another admin)"));
        }
    }

    private static ApiException taken(String username) {
        return new ApiException(HttpStatus.CONFLICT, "exists", "username", OptionalLong.empty(),
                new Msg("用户名 " + username + " 已存在", "the user name " + username + " is taken"));
    }

    private static Account account(ResultSet rs, int n) throws SQLException {
        return new Account(rs.getString(1), Role.fromId(rs.getString(2)), rs.getBoolean(3), rs.getBoolean(4),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }
}
