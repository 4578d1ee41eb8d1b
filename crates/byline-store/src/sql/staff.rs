//! Staff, session, token, throttle and audit SQL shared by both backends.

macro_rules! impl_staff_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Voids every session of the account inside `tx` ("sign out everywhere").
            async fn end_sessions_tx(tx: &mut sqlx::Transaction<'_, $db>, staff_id: i64) -> $crate::StoreResult<()> {
                sqlx::query("UPDATE staff SET sessions_valid_after = $1 WHERE id = $2")
                    .bind(chrono::Utc::now().timestamp())
                    .bind(staff_id)
                    .execute(&mut **tx)
                    .await?;
                sqlx::query("DELETE FROM sessions WHERE staff_id = $1").bind(staff_id).execute(&mut **tx).await?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::StaffStore for $store {
            async fn create_staff(&self, s: &$crate::NewStaff) -> $crate::StoreResult<$crate::StaffMember> {
                let email = s.email.trim().to_lowercase();
                let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM staff WHERE email = $1")
                    .bind(&email)
                    .fetch_optional(&self.pool)
                    .await?;
                if taken.is_some() {
                    return Err($crate::StoreError::Conflict(format!("a staff account for {email} already exists")));
                }
                let row: $crate::sql::staff_rows::StaffRow = sqlx::query_as(&format!(
                    "INSERT INTO staff (email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING {}",
                    $crate::sql::staff_rows::STAFF_COLUMNS
                ))
                .bind(&email)
                .bind(s.name.trim())
                .bind(s.role.as_str())
                .bind(&s.password_hash)
                .bind(chrono::Utc::now().timestamp())
                .fetch_one(&self.pool)
                .await?;
                row.try_into()
            }

            async fn staff_by_id(&self, id: i64) -> $crate::StoreResult<Option<$crate::StaffMember>> {
                let row: Option<$crate::sql::staff_rows::StaffRow> =
                    sqlx::query_as(&format!("SELECT {} FROM staff WHERE id = $1", $crate::sql::staff_rows::STAFF_COLUMNS))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn staff_by_email(&self, email: &str) -> $crate::StoreResult<Option<$crate::StaffMember>> {
                let row: Option<$crate::sql::staff_rows::StaffRow> =
                    sqlx::query_as(&format!("SELECT {} FROM staff WHERE email = $1", $crate::sql::staff_rows::STAFF_COLUMNS))
                        .bind(email.trim().to_lowercase())
                        .fetch_optional(&self.pool)
                        .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn password_hash(&self, staff_id: i64) -> $crate::StoreResult<Option<String>> {
                Ok(sqlx::query_scalar("SELECT password_hash FROM staff WHERE id = $1")
                    .bind(staff_id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn list_staff(&self) -> $crate::StoreResult<Vec<$crate::StaffMember>> {
                let rows: Vec<$crate::sql::staff_rows::StaffRow> =
                    sqlx::query_as(&format!("SELECT {} FROM staff ORDER BY name, id", $crate::sql::staff_rows::STAFF_COLUMNS))
                        .fetch_all(&self.pool)
                        .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn count_staff(&self) -> $crate::StoreResult<i64> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM staff").fetch_one(&self.pool).await?)
            }

            async fn set_role(&self, staff_id: i64, role: byline_domain::staff::Role) -> $crate::StoreResult<()> {
                let done = sqlx::query("UPDATE staff SET role = $1 WHERE id = $2")
                    .bind(role.as_str())
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?;
                if done.rows_affected() == 0 { Err($crate::StoreError::NotFound) } else { Ok(()) }
            }

            async fn set_active(&self, staff_id: i64, active: bool) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query("UPDATE staff SET active = $1 WHERE id = $2").bind(active).bind(staff_id).execute(&mut *tx).await?;
                Self::end_sessions_tx(&mut tx, staff_id).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_password(&self, staff_id: i64, password_hash: &str) -> $crate::StoreResult<()> {
                // One transaction: a new password and the end of every session go together.
                let mut tx = self.write_tx().await?;
                sqlx::query("UPDATE staff SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(staff_id)
                    .execute(&mut *tx)
                    .await?;
                Self::end_sessions_tx(&mut tx, staff_id).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_totp_secret(&self, staff_id: i64, secret: Option<&str>) -> $crate::StoreResult<()> {
                sqlx::query("UPDATE staff SET totp_secret = $1, totp_last_step = NULL WHERE id = $2")
                    .bind(secret)
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn accept_totp_step(&self, staff_id: i64, step: i64) -> $crate::StoreResult<bool> {
                // Compare and set in one statement: of two requests with the same code, one wins.
                let done = sqlx::query(
                    "UPDATE staff SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
                )
                .bind(step)
                .bind(staff_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_staff_language(&self, staff_id: i64, language: byline_i18n::Lang) -> $crate::StoreResult<()> {
                let done = sqlx::query("UPDATE staff SET language = $1 WHERE id = $2")
                    .bind(language.code())
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?;
                if done.rows_affected() == 0 { Err($crate::StoreError::NotFound) } else { Ok(()) }
            }

            async fn one_time_token_is_live(
                &self,
                token_hash: &str,
                purpose: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<bool> {
                let found: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
                )
                .bind(token_hash)
                .bind(purpose)
                .bind(now.timestamp())
                .fetch_one(&self.pool)
                .await?;
                Ok(found > 0)
            }

            async fn create_setup_token(&self, t: &$crate::OneTimeToken) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query("UPDATE one_time_tokens SET used_at = $1 WHERE purpose = 'setup' AND used_at IS NULL")
                    .bind(t.created_at.timestamp())
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO one_time_tokens (token_hash, purpose, email, role, staff_id, created_by, created_at, expires_at) \
                     VALUES ($1, 'setup', '', 'admin', NULL, NULL, $2, $3)",
                )
                .bind(&t.token_hash)
                .bind(t.created_at.timestamp())
                .bind(t.expires_at.timestamp())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn create_first_admin(
                &self,
                setup_token_hash: &str,
                s: &$crate::NewStaff,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Option<$crate::StaffMember>> {
                let mut tx = self.write_tx().await?;
                // The token row is the lock: of two submissions with it, the second waits
                // here (PostgreSQL's row lock, SQLite's write lock) and then finds it used.
                let taken = sqlx::query(
                    "UPDATE one_time_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = 'setup' \
                     AND used_at IS NULL AND expires_at > $1",
                )
                .bind(now.timestamp())
                .bind(setup_token_hash)
                .execute(&mut *tx)
                .await?;
                if taken.rows_affected() != 1 {
                    return Ok(None);
                }
                let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff").fetch_one(&mut *tx).await?;
                if existing > 0 {
                    return Ok(None);
                }
                let row: $crate::sql::staff_rows::StaffRow = sqlx::query_as(&format!(
                    "INSERT INTO staff (email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING {}",
                    $crate::sql::staff_rows::STAFF_COLUMNS
                ))
                .bind(s.email.trim().to_lowercase())
                .bind(s.name.trim())
                .bind(byline_domain::staff::Role::Admin.as_str())
                .bind(&s.password_hash)
                .bind(now.timestamp())
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("UPDATE one_time_tokens SET used_at = $1 WHERE purpose = 'setup' AND used_at IS NULL")
                    .bind(now.timestamp())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                row.try_into().map(Some)
            }

            async fn end_all_sessions(&self, staff_id: i64) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                Self::end_sessions_tx(&mut tx, staff_id).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn create_session(&self, s: &$crate::Session) -> $crate::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO sessions (id_hash, staff_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&s.id_hash)
                .bind(s.staff_id)
                .bind(&s.csrf_token)
                .bind(s.created_at.timestamp())
                .bind(s.expires_at.timestamp())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session(
                &self,
                id_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Option<($crate::Session, $crate::StaffMember)>> {
                let row: Option<(String, i64, String, i64, i64)> = sqlx::query_as(
                    "SELECT id_hash, staff_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2",
                )
                .bind(id_hash)
                .bind(now.timestamp())
                .fetch_optional(&self.pool)
                .await?;
                let Some((id_hash, staff_id, csrf_token, created_at, expires_at)) = row else { return Ok(None) };
                let Some(staff) = self.staff_by_id(staff_id).await? else { return Ok(None) };
                if !staff.active || created_at < staff.sessions_valid_after {
                    return Ok(None);
                }
                let session = $crate::Session {
                    id_hash,
                    staff_id,
                    csrf_token,
                    created_at: $crate::sql::shared::to_time(created_at),
                    expires_at: $crate::sql::shared::to_time(expires_at),
                };
                Ok(Some((session, staff)))
            }

            async fn delete_session(&self, id_hash: &str) -> $crate::StoreResult<()> {
                sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(&self.pool).await?;
                Ok(())
            }

            async fn create_api_token(&self, staff_id: i64, name: &str, token_hash: &str) -> $crate::StoreResult<$crate::ApiToken> {
                let row: $crate::sql::staff_rows::ApiTokenRow = sqlx::query_as(
                    "INSERT INTO api_tokens (staff_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) \
                     RETURNING id, staff_id, name, created_at, revoked_at",
                )
                .bind(staff_id)
                .bind(name)
                .bind(token_hash)
                .bind(chrono::Utc::now().timestamp())
                .fetch_one(&self.pool)
                .await?;
                Ok(row.into())
            }

            async fn api_token(&self, token_hash: &str) -> $crate::StoreResult<Option<($crate::ApiToken, $crate::StaffMember)>> {
                let row: Option<$crate::sql::staff_rows::ApiTokenRow> = sqlx::query_as(
                    "SELECT id, staff_id, name, created_at, revoked_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
                )
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else { return Ok(None) };
                let token: $crate::ApiToken = row.into();
                match self.staff_by_id(token.staff_id).await? {
                    Some(staff) if staff.active => Ok(Some((token, staff))),
                    _ => Ok(None),
                }
            }

            async fn list_api_tokens(&self, staff_id: i64) -> $crate::StoreResult<Vec<$crate::ApiToken>> {
                let rows: Vec<$crate::sql::staff_rows::ApiTokenRow> = sqlx::query_as(
                    "SELECT id, staff_id, name, created_at, revoked_at FROM api_tokens WHERE staff_id = $1 ORDER BY id",
                )
                .bind(staff_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn revoke_api_token(&self, id: i64) -> $crate::StoreResult<bool> {
                let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                    .bind(chrono::Utc::now().timestamp())
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn revoke_all_api_tokens(&self, staff_id: i64) -> $crate::StoreResult<u64> {
                let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE staff_id = $2 AND revoked_at IS NULL")
                    .bind(chrono::Utc::now().timestamp())
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn create_one_time_token(&self, t: &$crate::OneTimeToken) -> $crate::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO one_time_tokens (token_hash, purpose, email, role, staff_id, created_by, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&t.token_hash)
                .bind(&t.purpose)
                .bind(&t.email)
                .bind(t.role.map(|r| r.as_str()))
                .bind(t.staff_id)
                .bind(t.created_by)
                .bind(t.created_at.timestamp())
                .bind(t.expires_at.timestamp())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn consume_one_time_token(
                &self,
                token_hash: &str,
                purpose: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Option<$crate::OneTimeToken>> {
                let row: Option<$crate::sql::staff_rows::OneTimeTokenRow> = sqlx::query_as(
                    "UPDATE one_time_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 \
                     AND used_at IS NULL AND expires_at > $1 \
                     RETURNING token_hash, purpose, email, role, staff_id, created_by, created_at, expires_at",
                )
                .bind(now.timestamp())
                .bind(token_hash)
                .bind(purpose)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn count_login_attempt(
                &self,
                key: &str,
                limit: $crate::AttemptLimit,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<$crate::AttemptCount> {
                // One statement, so concurrent attempts are serialised by the row (SQLite's
                // write lock, PostgreSQL's row lock) and each sees its own count. In the SET
                // list every `login_throttle.*` is the value before this attempt.
                let (attempts, window_ends): (i64, i64) = sqlx::query_as(
                    "INSERT INTO login_throttle (throttle_key, attempts, window_started, window_ends) VALUES ($1, 1, $2, $2 + $3) \
                     ON CONFLICT (throttle_key) DO UPDATE SET \
                     attempts = CASE WHEN login_throttle.window_ends > $2 THEN login_throttle.attempts + 1 ELSE 1 END, \
                     window_started = CASE WHEN login_throttle.window_ends > $2 THEN login_throttle.window_started ELSE $2 END, \
                     window_ends = CASE \
                         WHEN login_throttle.window_ends > $2 THEN login_throttle.window_ends \
                         WHEN login_throttle.attempts >= $5 AND login_throttle.window_ends + $4 > $2 THEN $2 + CASE \
                             WHEN 2 * (login_throttle.window_ends - login_throttle.window_started) > $4 THEN $4 \
                             WHEN 2 * (login_throttle.window_ends - login_throttle.window_started) < $3 THEN $3 \
                             ELSE 2 * (login_throttle.window_ends - login_throttle.window_started) END \
                         ELSE $2 + $3 END \
                     RETURNING attempts, window_ends",
                )
                .bind(key)
                .bind(now.timestamp())
                .bind(limit.window_secs)
                .bind(limit.max_window_secs.max(limit.window_secs))
                .bind(limit.allowed)
                .fetch_one(&self.pool)
                .await?;
                Ok($crate::AttemptCount { attempts, window_ends: $crate::sql::shared::to_time(window_ends) })
            }

            async fn refund_login_attempt(&self, key: &str, counted_at: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<()> {
                sqlx::query(
                    "UPDATE login_throttle SET attempts = attempts - 1 \
                     WHERE throttle_key = $1 AND attempts > 0 AND window_started <= $2 AND window_ends > $2",
                )
                .bind(key)
                .bind(counted_at.timestamp())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn clear_login_attempts(&self, key: &str) -> $crate::StoreResult<()> {
                sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1").bind(key).execute(&self.pool).await?;
                Ok(())
            }

            async fn record_audit(&self, e: &$crate::AuditEntry) -> $crate::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO audit_log (staff_id, actor, action, target, detail, at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(e.staff_id)
                .bind(&e.actor)
                .bind(&e.action)
                .bind(&e.target)
                .bind(&e.detail)
                .bind(e.at.timestamp())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn audit_log(&self, limit: i64, offset: i64) -> $crate::StoreResult<Vec<$crate::AuditEntry>> {
                let rows: Vec<(Option<i64>, String, String, String, String, i64)> = sqlx::query_as(
                    "SELECT staff_id, actor, action, target, detail, at FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2",
                )
                .bind(limit)
                .bind(offset)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(staff_id, actor, action, target, detail, at)| $crate::AuditEntry {
                        staff_id,
                        actor,
                        action,
                        target,
                        detail,
                        at: $crate::sql::shared::to_time(at),
                    })
                    .collect())
            }
        }
    };
}

pub(crate) use impl_staff_store;
