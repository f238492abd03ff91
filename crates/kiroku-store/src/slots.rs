//! Key slots (鍵スロット): the master key wrapped once per user and once for the recovery code,
//! as restic wraps its master key once per key file.
//!
//! A slot's key-encryption key is Argon2id(password, salt), mixed through HKDF with the device
//! secret when the slot is device-bound; the master key is sealed with XChaCha20-Poly1305
//! whose associated data names the vault and the slot, so a slot cannot be moved to another
//! vault or another user.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use kiroku_core::user::LoginId;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

use crate::credentials::DeviceSecret;
use crate::kdf::KdfParams;
use crate::key::{random_bytes, MasterKey};
use crate::{atomic_file, StoreError};

const FORMAT: &str = "kiroku-keys-v1";

/// Whose slot this is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "login_id", rename_all = "snake_case")]
pub enum SlotOwner {
    User(LoginId),
    /// The recovery code (復旧用キー). Never device-bound.
    Recovery,
}

impl SlotOwner {
    fn aad_label(&self) -> String {
        match self {
            SlotOwner::User(id) => format!("user:{id}"),
            SlotOwner::Recovery => "recovery".into(),
        }
    }
}

mod b64 {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&B64.encode(bytes))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        B64.decode(text).map_err(serde::de::Error::custom)
    }
}

/// One wrapped copy of the master key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub owner: SlotOwner,
    /// Needs this PC's device secret as well as the password.
    pub device_bound: bool,
    pub kdf: KdfParams,
    #[serde(with = "b64")]
    salt: Vec<u8>,
    #[serde(with = "b64")]
    nonce: Vec<u8>,
    #[serde(with = "b64")]
    wrapped: Vec<u8>,
}

/// Why a slot did not open.
#[derive(Debug, thiserror::Error)]
pub enum UnwrapError {
    /// Wrong password (or recovery code), or a slot altered on disk: the AEAD cannot tell which.
    #[error("パスワードが違います")]
    WrongSecret,
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn key_encryption_key(
    kdf: &KdfParams,
    secret: &[u8],
    salt: &[u8],
    device: Option<&DeviceSecret>,
) -> Result<Zeroizing<[u8; 32]>, StoreError> {
    let stretched = kdf.derive(secret, salt)?;
    let hk = hkdf::Hkdf::<sha2::Sha256>::new(device.map(|d| d.as_slice()), stretched.as_ref());
    let mut kek = Zeroizing::new([0u8; 32]);
    hk.expand(b"kiroku slot kek v1", kek.as_mut())
        .map_err(|_| StoreError::Crypto("HKDF"))?;
    Ok(kek)
}

fn aad(vault_id: &str, owner: &SlotOwner, device_bound: bool) -> Vec<u8> {
    format!(
        "{FORMAT}\0{vault_id}\0{}\0{device_bound}",
        owner.aad_label()
    )
    .into_bytes()
}

impl Slot {
    /// Wraps `master` for `owner` under `secret` (a password or the recovery code's secret).
    pub fn wrap(
        vault_id: &str,
        owner: SlotOwner,
        secret: &[u8],
        device: Option<&DeviceSecret>,
        kdf: KdfParams,
        master: &MasterKey,
    ) -> Result<Self, StoreError> {
        let device_bound = device.is_some();
        let salt = random_bytes::<16>().to_vec();
        let nonce = random_bytes::<24>().to_vec();
        let kek = key_encryption_key(&kdf, secret, &salt, device)?;
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let wrapped = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: master.as_bytes(),
                    aad: &aad(vault_id, &owner, device_bound),
                },
            )
            .map_err(|_| StoreError::Crypto("鍵の暗号化に失敗しました"))?;
        Ok(Self {
            owner,
            device_bound,
            kdf,
            salt,
            nonce,
            wrapped,
        })
    }

    /// Unwraps the master key. `device` must be given for a device-bound slot.
    pub fn unwrap_key(
        &self,
        vault_id: &str,
        secret: &[u8],
        device: Option<&DeviceSecret>,
    ) -> Result<MasterKey, UnwrapError> {
        if self.nonce.len() != 24 {
            return Err(UnwrapError::WrongSecret);
        }
        let kek = key_encryption_key(&self.kdf, secret, &self.salt, device)?;
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let plain = Zeroizing::new(
            cipher
                .decrypt(
                    XNonce::from_slice(&self.nonce),
                    Payload {
                        msg: &self.wrapped,
                        aad: &aad(vault_id, &self.owner, self.device_bound),
                    },
                )
                .map_err(|_| UnwrapError::WrongSecret)?,
        );
        let bytes: [u8; 32] = plain
            .as_slice()
            .try_into()
            .map_err(|_| UnwrapError::WrongSecret)?;
        Ok(MasterKey::from_bytes(bytes))
    }
}

/// The key-slot file beside the vault. Holds login IDs, never names or other personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySlots {
    format: String,
    pub vault_id: String,
    /// The officer created by `init`: the default user of the command line.
    pub first_officer: LoginId,
    pub slots: Vec<Slot>,
    /// Users whose slot was removed when they were disabled.
    #[serde(default)]
    pub disabled: Vec<LoginId>,
}

impl KeySlots {
    pub fn new(vault_id: String, first_officer: LoginId) -> Self {
        Self {
            format: FORMAT.into(),
            vault_id,
            first_officer,
            slots: Vec::new(),
            disabled: Vec::new(),
        }
    }

    pub fn slot(&self, owner: &SlotOwner) -> Option<&Slot> {
        self.slots.iter().find(|s| &s.owner == owner)
    }

    /// Adds or replaces the slot of its owner.
    pub fn put(&mut self, slot: Slot) {
        if let SlotOwner::User(id) = &slot.owner {
            self.disabled.retain(|d| d != id);
        }
        self.slots.retain(|s| s.owner != slot.owner);
        self.slots.push(slot);
    }

    /// Removes a user's slot and remembers that the user is disabled.
    pub fn disable(&mut self, id: &LoginId) {
        self.slots
            .retain(|s| s.owner != SlotOwner::User(id.clone()));
        if !self.disabled.contains(id) {
            self.disabled.push(id.clone());
        }
    }

    pub fn is_disabled(&self, id: &LoginId) -> bool {
        self.disabled.contains(id)
    }

    /// True when the everyday (user) slots need this PC's device secret.
    pub fn device_bound(&self) -> bool {
        self.slots
            .iter()
            .any(|s| matches!(s.owner, SlotOwner::User(_)) && s.device_bound)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, StoreError> {
        let bad = |reason: String| StoreError::BadKeyFile {
            path: path.to_owned(),
            reason,
        };
        let slots: KeySlots = serde_json::from_slice(bytes).map_err(|e| bad(e.to_string()))?;
        if slots.format != FORMAT {
            return Err(bad(format!("形式 {} は読めません", slots.format)));
        }
        Ok(slots)
    }

    pub fn load(path: &Path) -> Result<Self, StoreError> {
        let bytes = std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => StoreError::BadKeyFile {
                path: path.to_owned(),
                reason: "ファイルがありません（記録ファイルと同じフォルダに必要です）".into(),
            },
            _ => StoreError::io(path, e),
        })?;
        Self::from_bytes(path, &bytes)
    }

    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        atomic_file::replace(path, &self.to_bytes())
    }

    pub fn save_new(&self, path: &Path) -> Result<PathBuf, StoreError> {
        atomic_file::create_new(path, &self.to_bytes())?;
        Ok(path.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> LoginId {
        LoginId::parse(s).unwrap()
    }

    const KDF: KdfParams = KdfParams::INSECURE_FOR_TESTS;

    #[test]
    fn a_slot_opens_with_its_password_only() {
        let master = MasterKey::generate();
        let slot = Slot::wrap(
            "v1",
            SlotOwner::User(id("a")),
            b"correct horse",
            None,
            KDF,
            &master,
        )
        .unwrap();
        let back = slot.unwrap_key("v1", b"correct horse", None).unwrap();
        assert_eq!(back.as_bytes(), master.as_bytes());
        assert!(matches!(
            slot.unwrap_key("v1", b"wrong horse", None),
            Err(UnwrapError::WrongSecret)
        ));
    }

    #[test]
    fn a_device_bound_slot_needs_the_device_secret() {
        let master = MasterKey::generate();
        let device = Zeroizing::new([7u8; 32]);
        let other = Zeroizing::new([8u8; 32]);
        let slot = Slot::wrap(
            "v1",
            SlotOwner::User(id("a")),
            b"pw",
            Some(&device),
            KDF,
            &master,
        )
        .unwrap();
        assert!(slot.unwrap_key("v1", b"pw", Some(&device)).is_ok());
        assert!(slot.unwrap_key("v1", b"pw", None).is_err());
        assert!(slot.unwrap_key("v1", b"pw", Some(&other)).is_err());
    }

    #[test]
    fn a_slot_moved_to_another_user_or_vault_does_not_open() {
        let master = MasterKey::generate();
        let mut slot =
            Slot::wrap("v1", SlotOwner::User(id("a")), b"pw", None, KDF, &master).unwrap();
        assert!(slot.unwrap_key("v2", b"pw", None).is_err());
        slot.owner = SlotOwner::User(id("b"));
        assert!(slot.unwrap_key("v1", b"pw", None).is_err());
    }

    #[test]
    fn the_file_holds_login_ids_but_no_key_material_in_clear() {
        let master = MasterKey::generate();
        let mut file = KeySlots::new("vault-1".into(), id("boss"));
        file.put(
            Slot::wrap(
                "vault-1",
                SlotOwner::User(id("boss")),
                b"pw",
                None,
                KDF,
                &master,
            )
            .unwrap(),
        );
        let bytes = file.to_bytes();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("boss"));
        assert!(!text.contains(&hex::encode(master.as_bytes())));
        assert!(!text.contains(&B64.encode(master.as_bytes())));
        assert_eq!(KeySlots::from_bytes(Path::new("x"), &bytes).unwrap(), file);
    }

    #[test]
    fn disabling_removes_the_slot() {
        let master = MasterKey::generate();
        let mut file = KeySlots::new("v".into(), id("boss"));
        file.put(Slot::wrap("v", SlotOwner::User(id("c")), b"pw", None, KDF, &master).unwrap());
        file.disable(&id("c"));
        assert!(file.slot(&SlotOwner::User(id("c"))).is_none());
        assert!(file.is_disabled(&id("c")));
    }
}
