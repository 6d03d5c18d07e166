package org.qinglang.app.security;

import org.qinglang.app.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's users (控制台用户): one role each, passwords kept as bcrypt hashes. Creating one is audited.
 */
@Service
public class ConsoleUsers implements UserDetailsService {

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD = 12;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

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
        return db.sql("select role from console_user where username = ?").param(username)
                .query((rs, n) -> Role.fromId(rs.getString(1))).optional();
    }

    /** Creates a user; {@code by} is who did it, for the audit trail. Refuses a short password or a bad name. */
    @Transactional
    public void create(String username, String password, Role role, String by) {
        if (!NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a username is 2 to 64 of a-z, 0-9, '.', '_', '-', was '" + username + "'");
        }
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD + " characters");
        }
        db.sql("insert into console_user (username, password_hash, role, enabled, created_at) values (?, ?, ?, true, ?)")
                .params(username, passwords.encode(password), role.id(), OffsetDateTime.now(ZoneOffset.UTC)).update();
        audit.append(by, "user.create", "user:" + username, null, Map.of("username", username, "role", role.id()));
    }
}
