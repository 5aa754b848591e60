//! Passwords, tokens, sessions and the TOTP second factor.
//!
//! Passwords are hashed with argon2id (PHC strings). Session ids and API tokens are 32
//! random bytes shown once and stored only as SHA-256 hashes. TOTP follows RFC 6238
//! (HMAC-SHA1, 30-second steps, 6 digits, one step of clock drift either way).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// `n` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the operating system gives random bytes");
    b
}

/// A random token, URL-safe (hex).
pub fn new_token() -> String {
    hex(&random_bytes::<32>())
}

/// A one-time password a person can type: 16 characters without look-alikes.
pub fn new_one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    random_bytes::<16>()
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a token, as stored.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Hashes a password with argon2id.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("16 bytes make a salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashes any password")
        .to_string()
}

/// A real hash of nothing, checked when the user does not exist, so that a wrong
/// username takes as long as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("no such user"))
}

/// Whether `password` matches a stored hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Why a new password is refused.
pub fn password_problem(password: &str, username: &str) -> Option<&'static str> {
    if password.chars().count() < 12 {
        Some("at least 12 characters")
    } else if password.eq_ignore_ascii_case(username) {
        Some("must not be the username")
    } else {
        None
    }
}

const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A new TOTP secret (160 bits) in base32.
pub fn new_totp_secret() -> String {
    base32_encode(&random_bytes::<20>())
}

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(BASE32[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn base32_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for c in s.chars().filter(|c| *c != '=' && !c.is_whitespace()) {
        let v = BASE32
            .iter()
            .position(|&b| b as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push((buffer >> (bits - 8)) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// The 6-digit code for a base32 secret at a Unix time.
pub fn totp_code(secret: &str, unix_time: u64) -> Option<String> {
    let key = base32_decode(secret)?;
    Some(hotp(&key, unix_time / 30, 6))
}

fn hotp(key: &[u8], counter: u64, digits: u32) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(&counter.to_be_bytes());
    let d = mac.finalize().into_bytes();
    let offset = (d[19] & 0xf) as usize;
    let bin = (u32::from(d[offset]) & 0x7f) << 24
        | u32::from(d[offset + 1]) << 16
        | u32::from(d[offset + 2]) << 8
        | u32::from(d[offset + 3]);
    format!(
        "{:0width$}",
        bin % 10u32.pow(digits),
        width = digits as usize
    )
}

/// Whether `code` is right for the secret now (±30 s).
pub fn totp_ok(secret: &str, code: &str, unix_time: u64) -> bool {
    let code = code.trim();
    [unix_time.saturating_sub(30), unix_time, unix_time + 30]
        .iter()
        .any(|t| totp_code(secret, *t).as_deref() == Some(code))
}

/// The otpauth URI an authenticator app reads.
pub fn totp_uri(secret: &str, username: &str) -> String {
    format!("otpauth://totp/gezi:{username}?secret={secret}&issuer=gezi&digits=6&period=30")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_sha1_vectors() {
        // RFC 6238 Appendix B: key "12345678901234567890", 8 digits.
        let key = b"12345678901234567890";
        for (t, want) in [
            (59u64, "94287082"),
            (1111111109, "07081804"),
            (2000000000, "69279037"),
        ] {
            assert_eq!(hotp(key, t / 30, 8), want);
        }
        let secret = base32_encode(key);
        assert_eq!(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(totp_code(&secret, 59).unwrap(), "287082");
        assert!(totp_ok(&secret, "287082", 59 + 25));
        assert!(!totp_ok(&secret, "287082", 59 + 95));
    }

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("correct horse battery");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("wrong", &h));
        assert!(!verify_password("x", "not a hash"));
        assert_eq!(new_one_time_password().len(), 16);
        assert_ne!(new_token(), new_token());
    }
}
