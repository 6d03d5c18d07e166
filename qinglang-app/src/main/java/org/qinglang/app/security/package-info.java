/**
 * Who may do what (权限): console users with one {@link org.qinglang.app.security.Role} each, signing in with
 * a password (bcrypt) and a session guarded by CSRF tokens; the platform's services with API keys (kept as
 * SHA-256 hashes, shown once) carrying {@link org.qinglang.app.security.Scope}s, stateless, rate-limited per
 * key. Every path's rule is in {@link org.qinglang.app.security.SecurityConfig}, and a test walks them all.
 */
package org.qinglang.app.security;
