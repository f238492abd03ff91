//! Creating a vault: the master key, the first officer, the recovery code.

use kiroku_core::FieldError;

use crate::session::{refuse_existing, Stamp};
use crate::{print, ApiError, Env, OfficeTemplate, Protection, UserView};
use kiroku_core::audit::AuditAction;
use kiroku_core::field::required_name;
use kiroku_core::recovery_code::{self, RecoveryCode};
use kiroku_core::user::{check_new_password, LoginId, Role, UserProfile};
use kiroku_store::credentials::DeviceSecret;
use kiroku_store::key::random_bytes;
use kiroku_store::key_file_lock::KeyFileLock;
use kiroku_store::slots::{self, KeySlots, Slot, SlotOwner};
use kiroku_store::table::{affairs, audit, meta, users};
use kiroku_store::{paths, MasterKey, Vault};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;
use zeroize::Zeroizing;

/// `init`: the file to create, the 団体名 and the first officer.
#[derive(Debug, Clone)]
pub struct InitRequest {
    pub vault: PathBuf,
    pub org_name: String,
    pub officer_id: String,
    pub officer_name: String,
    pub officer_dept: Option<String>,
    pub password: Zeroizing<String>,
    /// Seeds the 関係事務 catalog from this office type's 取扱規程.
    pub template: OfficeTemplate,
    /// Also print the 復旧用キー sheet to this PDF (written before the vault is created).
    pub recovery_pdf: Option<String>,
}

/// Makes a device secret for `vault_id` in the OS credential store, if one is reachable.
fn new_device_secret(env: &Env, vault_id: &str) -> Result<DeviceSecret, String> {
    let secret: DeviceSecret = Zeroizing::new(random_bytes::<32>());
    env.credentials
        .put(vault_id, &secret)
        .map(|()| secret)
        .map_err(|e| e.to_string())
}

/// Creates the vault and its first officer; returns the recovery code (shown once).
pub fn init(env: &Env, req: InitRequest) -> Result<InitResponse, ApiError> {
    let org_name = required_name("団体名", &req.org_name, 100)?;
    let id = LoginId::parse(&req.officer_id)?;
    let profile = UserProfile::parse(
        &req.officer_name,
        req.officer_dept.as_deref().unwrap_or(""),
        "",
    )?;
    check_new_password(&req.password)?;
    let keys_path = paths::keys_file(&req.vault);
    refuse_existing(&req.vault)?;

    let now = env.clock.now();

    let stamp = Stamp {
        at: now,

        actor: id.to_string(),
    };
    let vault_id = uuid::Uuid::new_v4().to_string();
    let master = MasterKey::generate();
    let code = RecoveryCode::from_random(&random_bytes::<{ recovery_code::RANDOM_BYTES }>());
    let (device, protection) = match new_device_secret(env, &vault_id) {
        Ok(secret) => (
            Some(secret),
            Protection::DeviceBound {
                store: env.credentials.name().into(),
            },
        ),
        Err(reason) => (None, Protection::PasswordOnly { reason }),
    };

    // The sheet is written first: if it cannot be, nothing is created.
    let recovery_pdf = match req.recovery_pdf.as_deref() {
        Some(out) => {
            let today = kiroku_core::wareki::day_in_japan(now);
            let (path, rendered) =
                print::recovery_sheet(&org_name, &req.vault, &code.to_string(), today, out)?;
            print::write_recovery_sheet(&path, &rendered)?;
            Some(path)
        }
        None => None,
    };
    let remove_sheet = || {
        if let Some(path) = &recovery_pdf {
            let _ = std::fs::remove_file(path);
        }
    };

    let mut keys = KeySlots::new(vault_id.clone(), id.clone());
    keys.put(Slot::create(
        &vault_id,
        SlotOwner::User(id.clone()),
        req.password.as_bytes(),
        device.as_ref(),
        env.kdf,
        keys.generation,
        &master,
    )?);
    keys.put(Slot::create(
        &vault_id,
        SlotOwner::Recovery,
        code.secret().as_bytes(),
        None,
        env.kdf,
        keys.generation,
        &master,
    )?);
    if let Err(e) = keys.save_new(&keys_path) {
        remove_sheet();
        return Err(e.into());
    }

    let officer = users::UserRow {
        login_id: id.clone(),
        profile,
        role: Role::Officer,
        created_at: now,
        created_by: id.to_string(),
        disabled_at: None,
    };
    let created = (|| -> Result<(), ApiError> {
        let mut vault = Vault::create(&req.vault, &master)?;
        keys.db_salts = slots::database_salt(&req.vault).into_iter().collect();
        vault.write(|tx| -> Result<(), ApiError> {
            meta::set(tx, meta::VAULT_ID, &vault_id)?;
            meta::set(tx, meta::ORG_NAME, &org_name)?;
            meta::set(tx, meta::CREATED_AT, &kiroku_core::audit::format_time(now))?;
            meta::set(
                tx,
                meta::BODY_KIND,
                kiroku_core::incident::BodyKind::from_template(req.template).as_str(),
            )?;
            users::insert(tx, &officer)?;
            for affair in req.template.affairs() {
                affairs::insert(tx, affair.name, Some(affair.basis), now, id.as_str())?;
            }
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Init,
                    "vault",
                    format!("保護: {}", protection.label()),
                ),
            )?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    "affairs",
                    format!(
                        "関係事務 {}件（{}の規程から）",
                        req.template.affairs().len(),
                        req.template.label()
                    ),
                ),
            )?;
            if let Some(path) = &recovery_pdf {
                audit::append(
                    tx,
                    stamp.entry(
                        AuditAction::Print,
                        "form:recovery",
                        format!(
                            "復旧用キー 1ページ → {}",
                            path.file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default()
                        ),
                    ),
                )?;
            }
            Ok(())
        })?;
        let lock = KeyFileLock::acquire(&req.vault)?;
        let generation = keys.generation;
        crate::session::vault_head::record_everywhere(env, &vault, &mut keys, generation, &master)?;
        lock.save(&keys)?;
        Ok(())
    })();
    if let Err(e) = created {
        let _ = std::fs::remove_file(&keys_path);
        remove_sheet();
        return Err(e);
    }
    Ok(InitResponse {
        id: vault_id,
        vault: req.vault.display().to_string(),
        org_name,
        officer: UserView::from(&officer),
        recovery_code: code.to_string(),
        protection,
    })
}

/// The vault the app was pointed at (`KIROKU_VAULT` or the default), before login.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VaultState {
    pub path: String,
    /// False: the first-run setup is shown.
    pub exists: bool,
}

pub fn vault_state(path: &Path) -> VaultState {
    VaultState {
        path: path.display().to_string(),
        exists: path.exists(),
    }
}

/// 初回セットアップ: the office and its first officer.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetupRequest {
    pub org_name: String,
    /// `jimukumiai` | `roudouhoken` | `kyosai`
    pub template: String,
    pub officer_id: String,
    pub officer_name: String,
    pub officer_dept: Option<String>,
    pub password: String,
}

impl SetupRequest {
    pub fn into_init(self, vault: &Path) -> Result<InitRequest, ApiError> {
        let template = OfficeTemplate::parse(&self.template).ok_or_else(|| {
            FieldError::new(
                "事務所の種類",
                "事務組合、労働保険事務組合、共済組合のいずれかを選んでください。",
            )
        })?;
        Ok(InitRequest {
            vault: vault.to_owned(),
            org_name: self.org_name,
            officer_id: self.officer_id,
            officer_name: self.officer_name,
            officer_dept: self.officer_dept,
            password: Zeroizing::new(self.password),
            template,
            recovery_pdf: None,
        })
    }
}

/// What `init` returns. The recovery code is shown once and never stored in clear.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct InitResponse {
    /// The vault's ID.
    pub id: String,
    pub vault: String,
    pub org_name: String,
    pub officer: UserView,
    pub recovery_code: String,
    pub protection: Protection,
}
