//! Users, their sessions and API tokens. Passwords arrive hashed (the server hashes
//! them with argon2); tokens and session ids are stored only as SHA-256 hashes, so the
//! database alone cannot be used to log in.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::{audit, flag, missing_or_conflict, now, required, Actor, Result, Store, StoreError};

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Administrator / data-protection officer: everything.
    Admin,
    /// A unit's contact: reads and edits the files of their own unit only.
    UnitContact,
    /// Auditor: reads everything, changes nothing.
    Auditor,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Admin, Role::UnitContact, Role::Auditor];

    /// The stored id.
    pub fn id(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::UnitContact => "unit_contact",
            Role::Auditor => "auditor",
        }
    }

    /// Parses an id.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == s)
    }

    /// Label in Traditional Chinese and English.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Role::Admin => ("管理者／個資保護長", "Administrator / DPO"),
            Role::UnitContact => ("單位聯絡窗口", "Unit contact"),
            Role::Auditor => ("稽核人員", "Auditor"),
        }
    }
}

/// A user, without secrets.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The unit of a unit contact.
    pub unit_id: Option<i64>,
    /// Must choose a new password at next login (after a one-time password).
    pub must_change_password: bool,
    /// A TOTP second factor is set up.
    pub totp_enabled: bool,
    /// Can log in.
    pub active: bool,
    /// For optimistic concurrency.
    pub version: i64,
}

impl User {
    /// The audit trail's name for this user.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.id),
            name: self.username.clone(),
        }
    }
}

/// A user's secrets, for logging in.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The user.
    pub user: User,
    /// argon2 PHC string.
    pub password_hash: String,
    /// Base32 TOTP secret, when set up.
    pub totp_secret: Option<String>,
}

/// A new user.
#[derive(Debug, Clone, Deserialize)]
pub struct NewUser {
    /// Login name: letters, digits, `.`, `_`, `-`, `@`.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Required for a unit contact.
    pub unit_id: Option<i64>,
}

/// What an administrator changes of a user.
#[derive(Debug, Clone, Deserialize)]
pub struct UserUpdate {
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The unit of a unit contact.
    pub unit_id: Option<i64>,
    /// Can log in.
    pub active: bool,
}

/// A logged-in session.
#[derive(Debug, Clone)]
pub struct Session {
    /// The user.
    pub user: User,
    /// The token forms must carry.
    pub csrf_token: String,
    /// Whether the second factor was given (or is not set up).
    pub second_factor_done: bool,
}

fn user(r: &sqlx::any::AnyRow) -> User {
    User {
        id: r.get("id"),
        username: r.get("username"),
        display_name: r.get("display_name"),
        role: Role::parse(&r.get::<String, _>("role")).unwrap_or(Role::Auditor),
        unit_id: r.get("unit_id"),
        must_change_password: flag(r, "must_change_password"),
        totp_enabled: r.get::<Option<String>, _>("totp_secret").is_some(),
        active: flag(r, "active"),
        version: r.get("version"),
    }
}

/// The audit trail's view of a user: no secrets, name masked.
#[derive(Serialize)]
struct UserSnapshot<'a> {
    username: &'a str,
    display_name: String,
    role: &'static str,
    unit_id: Option<i64>,
    active: bool,
    totp_enabled: bool,
}

fn snapshot(u: &User) -> UserSnapshot<'_> {
    UserSnapshot {
        username: &u.username,
        display_name: gezi_detect::mask(&u.display_name),
        role: u.role.id(),
        unit_id: u.unit_id,
        active: u.active,
        totp_enabled: u.totp_enabled,
    }
}

impl Store {
    /// How many users exist (0 on a fresh database).
    pub async fn user_count(&self) -> Result<i64> {
        Ok(sqlx::query("SELECT COUNT(*) FROM users")
            .fetch_one(self.pool())
            .await?
            .get(0))
    }

    /// All users by username.
    pub async fn users(&self) -> Result<Vec<User>> {
        Ok(sqlx::query("SELECT * FROM users ORDER BY username")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(user)
            .collect())
    }

    /// One user.
    pub async fn user(&self, id: i64) -> Result<User> {
        sqlx::query("SELECT * FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .map(|r| user(&r))
            .ok_or(StoreError::NotFound("user"))
    }

    /// A user's credentials, by username.
    pub async fn credentials(&self, username: &str) -> Result<Option<Credentials>> {
        Ok(sqlx::query("SELECT * FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(self.pool())
            .await?
            .map(|r| Credentials {
                user: user(&r),
                password_hash: r.get("password_hash"),
                totp_secret: r.get("totp_secret"),
            }))
    }

    /// Creates a user with a (hashed) one-time password they must change.
    pub async fn create_user(
        &self,
        actor: &Actor,
        new: &NewUser,
        password_hash: &str,
    ) -> Result<User> {
        required("username", &new.username, 64)?;
        if !new
            .username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
        {
            return Err(StoreError::invalid(
                "username",
                "may hold only letters, digits and . _ - @",
            ));
        }
        required("display_name", &new.display_name, 100)?;
        match (new.role, new.unit_id) {
            (Role::UnitContact, None) => {
                return Err(StoreError::invalid(
                    "unit_id",
                    "a unit contact needs a unit",
                ))
            }
            (_, Some(unit)) => {
                self.unit(unit)
                    .await
                    .map_err(|_| StoreError::invalid("unit_id", "no such unit"))?;
            }
            _ => {}
        }
        let mut w = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO users (username, display_name, role, unit_id, password_hash, must_change_password, totp_secret, active, created_at, version)
             VALUES ($1, $2, $3, $4, $5, 1, NULL, 1, $6, 1) RETURNING id",
        )
        .bind(&new.username)
        .bind(new.display_name.trim())
        .bind(new.role.id())
        .bind(new.unit_id)
        .bind(password_hash)
        .bind(now())
        .fetch_one(&mut *w.tx)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(d) if d.message().to_lowercase().contains("unique") => {
                StoreError::invalid("username", "is taken")
            }
            _ => e.into(),
        })?
        .get(0);
        let created = user(
            &sqlx::query("SELECT * FROM users WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *w.tx)
                .await?,
        );
        audit::append(
            &mut w.tx,
            actor,
            "user.create",
            "user",
            id,
            None::<&()>,
            Some(&snapshot(&created)),
        )
        .await?;
        w.commit().await?;
        Ok(created)
    }

    /// Changes a user's role, unit, name or whether they can log in.
    pub async fn update_user(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        change: &UserUpdate,
    ) -> Result<User> {
        let UserUpdate {
            display_name,
            role,
            unit_id,
            active,
        } = change;
        let (display_name, role, unit_id, active) =
            (display_name.as_str(), *role, *unit_id, *active);
        required("display_name", display_name, 100)?;
        if role == Role::UnitContact && unit_id.is_none() {
            return Err(StoreError::invalid(
                "unit_id",
                "a unit contact needs a unit",
            ));
        }
        let before = self.user(id).await?;
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE users SET display_name = $1, role = $2, unit_id = $3, active = $4, version = version + 1
             WHERE id = $5 AND version = $6",
        )
        .bind(display_name.trim())
        .bind(role.id())
        .bind(unit_id)
        .bind(i64::from(active))
        .bind(id)
        .bind(version)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(missing_or_conflict(&mut w.tx, "users", "user", id).await);
        }
        if !active {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
        }
        let after = user(
            &sqlx::query("SELECT * FROM users WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *w.tx)
                .await?,
        );
        audit::append(
            &mut w.tx,
            actor,
            "user.update",
            "user",
            id,
            Some(&snapshot(&before)),
            Some(&snapshot(&after)),
        )
        .await?;
        w.commit().await?;
        Ok(after)
    }

    /// Sets a new password hash; `one_time` makes the user choose another at next login.
    /// Ends the user's other sessions.
    pub async fn set_password(
        &self,
        actor: &Actor,
        id: i64,
        hash: &str,
        one_time: bool,
    ) -> Result<()> {
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE users SET password_hash = $1, must_change_password = $2, version = version + 1 WHERE id = $3",
        )
        .bind(hash)
        .bind(i64::from(one_time))
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("user"));
        }
        let action = if one_time {
            "user.password_reset"
        } else {
            "user.password_change"
        };
        audit::append(
            &mut w.tx,
            actor,
            action,
            "user",
            id,
            None::<&()>,
            None::<&()>,
        )
        .await?;
        w.commit().await
    }

    /// Sets up (Some) or removes (None) the TOTP second factor.
    pub async fn set_totp(&self, actor: &Actor, id: i64, secret: Option<&str>) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("UPDATE users SET totp_secret = $1, version = version + 1 WHERE id = $2")
            .bind(secret)
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        let action = if secret.is_some() {
            "user.totp_enable"
        } else {
            "user.totp_disable"
        };
        audit::append(
            &mut w.tx,
            actor,
            action,
            "user",
            id,
            None::<&()>,
            None::<&()>,
        )
        .await?;
        w.commit().await
    }

    /// Starts a session.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        csrf_token: &str,
        second_factor_done: bool,
        expires_at: &str,
    ) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now())
            .execute(&mut *w.tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, second_factor_done, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(i64::from(second_factor_done))
        .bind(now())
        .bind(expires_at)
        .execute(&mut *w.tx)
        .await?;
        w.commit().await
    }

    /// The live session with this token hash, if any (expired and disabled users: none).
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT u.*, s.csrf_token, s.second_factor_done FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1",
        )
        .bind(token_hash)
        .bind(now())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| Session {
            user: user(&r),
            csrf_token: r.get("csrf_token"),
            second_factor_done: flag(&r, "second_factor_done"),
        }))
    }

    /// Marks the second factor as given.
    pub async fn session_second_factor_done(&self, token_hash: &str) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("UPDATE sessions SET second_factor_done = 1 WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await
    }

    /// Ends a session.
    pub async fn end_session(&self, token_hash: &str) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await
    }

    /// Records an API token (its hash) for a user.
    pub async fn create_api_token(
        &self,
        actor: &Actor,
        user_id: i64,
        name: &str,
        token_hash: &str,
    ) -> Result<i64> {
        required("name", name, 100)?;
        let mut w = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, revoked) VALUES ($1, $2, $3, $4, 0) RETURNING id",
        )
        .bind(user_id)
        .bind(name)
        .bind(token_hash)
        .bind(now())
        .fetch_one(&mut *w.tx)
        .await?
        .get(0);
        let after = serde_json::json!({"user_id": user_id, "name": name});
        audit::append(
            &mut w.tx,
            actor,
            "api_token.create",
            "api_token",
            id,
            None::<&()>,
            Some(&after),
        )
        .await?;
        w.commit().await?;
        Ok(id)
    }

    /// The active user an API token belongs to.
    pub async fn token_user(&self, token_hash: &str) -> Result<Option<User>> {
        Ok(sqlx::query(
            "SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND t.revoked = 0 AND u.active = 1",
        )
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?
        .map(|r| user(&r)))
    }
}
