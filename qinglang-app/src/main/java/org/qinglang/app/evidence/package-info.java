/**
 * Evidence capture (一键取证), issue #5: the abusive comments, DMs and mentions about a person, frozen into a
 * bundle with a SHA-256 per item and for the whole, signed with the server's Ed25519 key so that anyone
 * (a court, a notary, the person's lawyer) can check it with the published public key; stored insert-only
 * and served as JSON and as a readable Chinese page. See docs/protection.md for the format and how to verify.
 */
package org.qinglang.app.evidence;
