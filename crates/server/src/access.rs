//! Who may do what: the one place the roles are decided.
//!
//! - administrator / DPO: everything;
//! - unit contact: reads and edits the data files (with their risk assessments and
//!   controls) of their own unit, and proposes files for it; nothing else changes;
//! - auditor: reads everything, changes nothing.
//!
//! Publishing, imports, units, users, settings and code lists are the administrator's.
//! Requests and incidents follow the same rule by their unit: a unit contact reads and
//! handles those of their unit; unassigned ones (the public form's) wait for an
//! administrator to assign them. Deleting a record is the administrator's alone, and
//! the store refuses it before five years.

use gezi_store::accounts::{Role, User};
use gezi_store::files::DataFile;
use gezi_store::Store;

use crate::AppError;

/// Whether `user` may read `file`.
pub fn can_read_file(user: &User, file: &DataFile) -> bool {
    match user.role {
        Role::Admin | Role::Auditor => true,
        Role::UnitContact => user.unit_id.is_some() && file.unit_id == user.unit_id,
    }
}

/// Whether `user` may change `file` (fields, status, risk, controls).
pub fn can_edit_file(user: &User, file: &DataFile) -> bool {
    match user.role {
        Role::Admin => true,
        Role::UnitContact => can_read_file(user, file),
        Role::Auditor => false,
    }
}

/// The unit whose files a user sees (None: all).
pub fn visible_unit(user: &User) -> Option<i64> {
    match user.role {
        Role::UnitContact => Some(user.unit_id.unwrap_or(-1)),
        _ => None,
    }
}

/// Fails unless the user is an administrator.
pub fn require_admin(user: &User) -> Result<(), AppError> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Fails for auditors (they change nothing).
pub fn require_writer(user: &User) -> Result<(), AppError> {
    if user.role == Role::Auditor {
        Err(AppError::Forbidden)
    } else {
        Ok(())
    }
}

/// Fails unless the user may read everything (administrator or auditor).
pub fn require_reader_of_all(user: &User) -> Result<(), AppError> {
    if user.role == Role::UnitContact {
        Err(AppError::Forbidden)
    } else {
        Ok(())
    }
}

/// Fails unless `user` may read `file`. A file of another unit is "not found" for a
/// unit contact: its existence is not theirs to know.
pub fn check_read(user: &User, file: &DataFile) -> Result<(), AppError> {
    if can_read_file(user, file) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Fails unless `user` may change `file`.
pub fn check_edit(user: &User, file: &DataFile) -> Result<(), AppError> {
    check_read(user, file)?;
    if can_edit_file(user, file) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether `user` may put a file under `unit_id` (unit contacts: only their own unit).
pub fn check_unit_choice(user: &User, unit_id: Option<i64>) -> Result<(), AppError> {
    match user.role {
        Role::Admin => Ok(()),
        Role::UnitContact if unit_id.is_some() && unit_id == user.unit_id => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// A file `user` may read, or the error to answer (not found for another unit's file).
pub async fn readable_file(store: &Store, user: &User, id: i64) -> Result<DataFile, AppError> {
    let file = store.data_file(id).await?;
    check_read(user, &file)?;
    Ok(file)
}

/// A file `user` may change, or the error to answer.
pub async fn editable_file(store: &Store, user: &User, id: i64) -> Result<DataFile, AppError> {
    let file = store.data_file(id).await?;
    check_edit(user, &file)?;
    Ok(file)
}

/// The unit a new or edited file goes under: the one chosen, or a unit contact's own;
/// refused when the user may not put files there.
pub fn unit_for(user: &User, chosen: Option<i64>) -> Result<Option<i64>, AppError> {
    let unit = default_unit(user, chosen);
    check_unit_choice(user, unit)?;
    Ok(unit)
}

/// The unit a file goes under when none was chosen: a unit contact's own (they cannot
/// move a file out of their unit, nor leave it without one).
pub fn default_unit(user: &User, chosen: Option<i64>) -> Option<i64> {
    match (chosen, user.role) {
        (None, Role::UnitContact) => user.unit_id,
        _ => chosen,
    }
}

/// Whether `user` may read a record (request, incident) of `unit_id`.
pub fn can_read_unit_record(user: &User, unit_id: Option<i64>) -> bool {
    match user.role {
        Role::Admin | Role::Auditor => true,
        Role::UnitContact => user.unit_id.is_some() && unit_id == user.unit_id,
    }
}

/// Fails unless `user` may read a record of `unit_id` (another unit's: not found).
pub fn check_read_unit_record(user: &User, unit_id: Option<i64>) -> Result<(), AppError> {
    if can_read_unit_record(user, unit_id) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Fails unless `user` may handle a record of `unit_id`.
pub fn check_edit_unit_record(user: &User, unit_id: Option<i64>) -> Result<(), AppError> {
    check_read_unit_record(user, unit_id)?;
    require_writer(user)
}

/// A request `user` may read.
pub async fn readable_request(
    store: &Store,
    user: &User,
    id: i64,
) -> Result<gezi_store::requests::SubjectRequest, AppError> {
    let r = store.request(id).await?;
    check_read_unit_record(user, r.unit_id)?;
    Ok(r)
}

/// A request `user` may handle (their unit's, or any for an administrator).
pub async fn editable_request(
    store: &Store,
    user: &User,
    id: i64,
) -> Result<gezi_store::requests::SubjectRequest, AppError> {
    let r = readable_request(store, user, id).await?;
    check_edit_unit_record(user, r.unit_id)?;
    Ok(r)
}

/// An incident `user` may handle.
pub async fn editable_incident(
    store: &Store,
    user: &User,
    id: i64,
) -> Result<gezi_store::incidents::Incident, AppError> {
    let i = readable_incident(store, user, id).await?;
    check_edit_unit_record(user, i.unit_id)?;
    Ok(i)
}

/// An incident `user` may read.
pub async fn readable_incident(
    store: &Store,
    user: &User,
    id: i64,
) -> Result<gezi_store::incidents::Incident, AppError> {
    let i = store.incident(id).await?;
    check_read_unit_record(user, i.unit_id)?;
    Ok(i)
}
