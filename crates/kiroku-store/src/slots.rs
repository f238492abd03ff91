//! Key slots (鍵スロット): the master key given once per user and once to the recovery code,
//! as restic wraps its master key once per key file.
//!
//! Each slot has its own X25519 key pair. The secret half is wrapped under a key-encryption key
//! — Argon2id(password, salt), mixed through HKDF with the device secret when the slot is
//! device-bound — and the master key is *sealed to the public half* (an ephemeral X25519
//! exchange, HKDF, XChaCha20-Poly1305). Sealing needs no password, so rotating the master key
//! gives the new key to every remaining slot, while a removed slot, an old key file or an old
//! password opens nothing new. Associated data names the vault, the slot and the key's
//! generation, so a slot cannot be moved to another vault or another user.
//!
//! Slots written before key rotation (`kiroku-keys-v1`) wrap the master key directly; they
//! still open, and a user's slot is renewed in the new form at their next login.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use kiroku_core::user::LoginId;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

use crate::credentials::DeviceSecret;
use crate::failures::Failures;
use crate::head::SealedHead;
use crate::kdf::KdfParams;
use crate::key::{random_bytes, MasterKey};
use crate::{atomic_file, StoreError};

const FORMAT_V1: &str = "kiroku-keys-v1";
const FORMAT: &str = "kiroku-keys-v2";
const SEAL_INFO: &[u8] = b"kiroku seal v2";

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

mod b64_opt {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(b) => s.serialize_some(&B64.encode(b)),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(text) => B64.decode(text).map(Some).map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

/// The master key of one generation, sealed to a slot's public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedKey {
    pub generation: u64,
    #[serde(with = "b64")]
    ephemeral: Vec<u8>,
    #[serde(with = "b64")]
    nonce: Vec<u8>,
    #[serde(with = "b64")]
    ciphertext: Vec<u8>,
}

/// One way into the vault: a user's password (or the recovery code) opens it.
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
    /// The slot's X25519 secret, wrapped (a v1 slot: the master key itself).
    #[serde(with = "b64")]
    wrapped: Vec<u8>,
    /// The slot's X25519 public key; absent in a v1 slot.
    #[serde(default, with = "b64_opt", skip_serializing_if = "Option::is_none")]
    public: Option<Vec<u8>>,
    /// The master keys this slot opens, newest generation last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sealed: Vec<SealedKey>,
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

fn wrap_aad(format: &str, vault_id: &str, owner: &SlotOwner, device_bound: bool) -> Vec<u8> {
    format!(
        "{format}\0{vault_id}\0{}\0{device_bound}",
        owner.aad_label()
    )
    .into_bytes()
}

fn seal_aad(vault_id: &str, owner: &SlotOwner, generation: u64) -> Vec<u8> {
    format!(
        "{FORMAT}\0seal\0{vault_id}\0{}\0{generation}",
        owner.aad_label()
    )
    .into_bytes()
}

/// The symmetric key of one sealing: HKDF over the X25519 shared secret and both public keys.
fn seal_key(
    shared: &x25519_dalek::SharedSecret,
    ephemeral: &[u8],
    recipient: &[u8],
) -> Result<Zeroizing<[u8; 32]>, StoreError> {
    let mut salt = Vec::with_capacity(64);
    salt.extend_from_slice(ephemeral);
    salt.extend_from_slice(recipient);
    let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(&salt), shared.as_bytes());
    let mut key = Zeroizing::new([0u8; 32]);
    hk.expand(SEAL_INFO, key.as_mut())
        .map_err(|_| StoreError::Crypto("HKDF"))?;
    Ok(key)
}

fn public_key(bytes: &[u8]) -> Option<x25519_dalek::PublicKey> {
    let arr: [u8; 32] = bytes.try_into().ok()?;
    Some(x25519_dalek::PublicKey::from(arr))
}

impl Slot {
    /// A new slot for `owner`, opened by `secret` (a password or the recovery code's secret),
    /// holding `master` as generation `generation`.
    pub fn create(
        vault_id: &str,
        owner: SlotOwner,
        secret: &[u8],
        device: Option<&DeviceSecret>,
        kdf: KdfParams,
        generation: u64,
        master: &MasterKey,
    ) -> Result<Self, StoreError> {
        let device_bound = device.is_some();
        let salt = random_bytes::<16>().to_vec();
        let nonce = random_bytes::<24>().to_vec();
        let private = Zeroizing::new(random_bytes::<32>());
        let public = x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(*private));
        let kek = key_encryption_key(&kdf, secret, &salt, device)?;
        let wrapped = XChaCha20Poly1305::new(kek.as_ref().into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: private.as_slice(),
                    aad: &wrap_aad(FORMAT, vault_id, &owner, device_bound),
                },
            )
            .map_err(|_| StoreError::Crypto("鍵の暗号化に失敗しました"))?;
        let mut slot = Self {
            owner,
            device_bound,
            kdf,
            salt,
            nonce,
            wrapped,
            public: Some(public.as_bytes().to_vec()),
            sealed: Vec::new(),
        };
        slot.seal(vault_id, generation, master)?;
        Ok(slot)
    }

    /// A slot as Kiroku wrote them before key rotation (the master key wrapped directly under
    /// the password). Only for tests of old key files.
    #[doc(hidden)]
    pub fn create_v1(
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
        let wrapped = XChaCha20Poly1305::new(kek.as_ref().into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: master.as_bytes(),
                    aad: &wrap_aad(FORMAT_V1, vault_id, &owner, device_bound),
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
            public: None,
            sealed: Vec::new(),
        })
    }

    /// True for a slot written before key rotation: it cannot be given a new key.
    pub fn is_v1(&self) -> bool {
        self.public.is_none()
    }

    /// The generations this slot opens.
    pub fn generations(&self) -> Vec<u64> {
        self.sealed.iter().map(|s| s.generation).collect()
    }

    /// Gives this slot `master` as generation `generation` (no password needed).
    pub fn seal(
        &mut self,
        vault_id: &str,
        generation: u64,
        master: &MasterKey,
    ) -> Result<(), StoreError> {
        let recipient = self
            .public
            .as_deref()
            .and_then(public_key)
            .ok_or(StoreError::Crypto(
                "この鍵スロットは古い形式のため、新しい鍵を渡せません",
            ))?;
        let ephemeral_secret = x25519_dalek::StaticSecret::from(random_bytes::<32>());
        let ephemeral = x25519_dalek::PublicKey::from(&ephemeral_secret);
        let shared = ephemeral_secret.diffie_hellman(&recipient);
        let key = seal_key(&shared, ephemeral.as_bytes(), recipient.as_bytes())?;
        let nonce = random_bytes::<24>().to_vec();
        let ciphertext = XChaCha20Poly1305::new(key.as_ref().into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: master.as_bytes(),
                    aad: &seal_aad(vault_id, &self.owner, generation),
                },
            )
            .map_err(|_| StoreError::Crypto("鍵の暗号化に失敗しました"))?;
        self.sealed.retain(|s| s.generation != generation);
        self.sealed.push(SealedKey {
            generation,
            ephemeral: ephemeral.as_bytes().to_vec(),
            nonce,
            ciphertext,
        });
        self.sealed.sort_by_key(|s| s.generation);
        Ok(())
    }

    /// Forgets every master key older than `generation` (a rotation has finished).
    pub fn keep_generations_from(&mut self, generation: u64) {
        self.sealed.retain(|s| s.generation >= generation);
    }

    /// Forgets the master key of `generation` (a rotation was abandoned).
    pub fn forget_generation(&mut self, generation: u64) {
        self.sealed.retain(|s| s.generation != generation);
    }

    /// Opens the slot: the master keys it holds, newest generation first. A v1 slot holds one
    /// key, reported as generation `v1_generation`. `device` must be given for a device-bound
    /// slot.
    pub fn open(
        &self,
        vault_id: &str,
        secret: &[u8],
        device: Option<&DeviceSecret>,
        v1_generation: u64,
    ) -> Result<Vec<(u64, MasterKey)>, UnwrapError> {
        if self.nonce.len() != 24 {
            return Err(UnwrapError::WrongSecret);
        }
        let kek = key_encryption_key(&self.kdf, secret, &self.salt, device)?;
        let format = if self.is_v1() { FORMAT_V1 } else { FORMAT };
        let plain = Zeroizing::new(
            XChaCha20Poly1305::new(kek.as_ref().into())
                .decrypt(
                    XNonce::from_slice(&self.nonce),
                    Payload {
                        msg: &self.wrapped,
                        aad: &wrap_aad(format, vault_id, &self.owner, self.device_bound),
                    },
                )
                .map_err(|_| UnwrapError::WrongSecret)?,
        );
        let bytes: Zeroizing<[u8; 32]> = Zeroizing::new(
            plain
                .as_slice()
                .try_into()
                .map_err(|_| UnwrapError::WrongSecret)?,
        );
        if self.is_v1() {
            return Ok(vec![(v1_generation, MasterKey::from_bytes(*bytes))]);
        }
        let private = x25519_dalek::StaticSecret::from(*bytes);
        let mut keys = Vec::with_capacity(self.sealed.len());
        for sealed in self.sealed.iter().rev() {
            keys.push((sealed.generation, self.unseal(vault_id, &private, sealed)?));
        }
        Ok(keys)
    }

    fn unseal(
        &self,
        vault_id: &str,
        private: &x25519_dalek::StaticSecret,
        sealed: &SealedKey,
    ) -> Result<MasterKey, UnwrapError> {
        let ephemeral = public_key(&sealed.ephemeral).ok_or(UnwrapError::WrongSecret)?;
        let recipient = x25519_dalek::PublicKey::from(private);
        let shared = private.diffie_hellman(&ephemeral);
        let key = seal_key(&shared, &sealed.ephemeral, recipient.as_bytes())?;
        if sealed.nonce.len() != 24 {
            return Err(UnwrapError::WrongSecret);
        }
        let plain = Zeroizing::new(
            XChaCha20Poly1305::new(key.as_ref().into())
                .decrypt(
                    XNonce::from_slice(&sealed.nonce),
                    Payload {
                        msg: &sealed.ciphertext,
                        aad: &seal_aad(vault_id, &self.owner, sealed.generation),
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

fn first_generation() -> u64 {
    1
}

/// The key-slot file beside the vault. Holds login IDs, never names or other personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySlots {
    format: String,
    pub vault_id: String,
    /// The officer created by `init`: the default user of the command line.
    pub first_officer: LoginId,
    /// The generation of the master key that opens the vault now (1 until the first rotation).
    #[serde(default = "first_generation")]
    pub generation: u64,
    pub slots: Vec<Slot>,
    /// Users whose slot was removed when they were disabled.
    #[serde(default)]
    pub disabled: Vec<LoginId>,
    /// The new recovery code's slot while a key rotation is under way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_recovery: Option<Slot>,
    /// The SQLCipher salts (the first 16 bytes, hex) of the database files these slots open:
    /// a key file put beside another vault is told apart from a damaged vault.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub db_salts: Vec<String>,
    /// The newest audit row known, sealed under the master key: a vault file older than it
    /// has been rolled back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<SealedHead>,
    /// A second copy of the failed-login counter (`.attempts`), so that deleting that file
    /// does not reset the count.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub failed_logins: BTreeMap<String, Failures>,
}

impl KeySlots {
    pub fn new(vault_id: String, first_officer: LoginId) -> Self {
        Self {
            format: FORMAT.into(),
            vault_id,
            first_officer,
            generation: first_generation(),
            slots: Vec::new(),
            disabled: Vec::new(),
            pending_recovery: None,
            db_salts: Vec::new(),
            head: None,
            failed_logins: BTreeMap::new(),
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

    /// A digest of who can open the vault (the slots, the disabled users, the generation): it
    /// changes with every slot change and with nothing else (not with the audit head or the
    /// failed-login copy), so an interrupted slot change can be told apart from a finished one.
    pub fn slots_digest(&self) -> Result<String, StoreError> {
        #[derive(Serialize)]
        struct Access<'a> {
            generation: u64,
            slots: &'a [Slot],
            disabled: &'a [LoginId],
            pending_recovery: &'a Option<Slot>,
        }
        let bytes = serde_json::to_vec(&Access {
            generation: self.generation,
            slots: &self.slots,
            disabled: &self.disabled,
            pending_recovery: &self.pending_recovery,
        })
        .map_err(|_| StoreError::Crypto("鍵ファイルの要約を作れません"))?;
        Ok(hex::encode(sha2::Sha256::digest(bytes)))
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>, StoreError> {
        let mut current = self.clone();
        current.format = FORMAT.into();
        serde_json::to_vec_pretty(&current)
            .map_err(|_| StoreError::Crypto("鍵ファイルを書き出せません"))
    }

    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, StoreError> {
        let bad = |reason: String| StoreError::BadKeyFile {
            path: path.to_owned(),
            reason,
        };
        let slots: KeySlots = serde_json::from_slice(bytes).map_err(|e| bad(e.to_string()))?;
        if slots.format != FORMAT && slots.format != FORMAT_V1 {
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

    /// Writes the file (atomically). Call it holding the [`crate::key_file_lock::KeyFileLock`], over a copy read
    /// under that lock.
    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        atomic_file::replace(path, &self.to_bytes()?)
    }

    pub fn save_new(&self, path: &Path) -> Result<PathBuf, StoreError> {
        atomic_file::create_new(path, &self.to_bytes()?)?;
        Ok(path.to_owned())
    }
}

/// The SQLCipher salt of a database file (its first 16 bytes, hex), or `None` if unreadable.
pub fn database_salt(vault: &Path) -> Option<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(vault).ok()?;
    let mut salt = [0u8; 16];
    f.read_exact(&mut salt).ok()?;
    Some(hex::encode(salt))
}

/// How a vault file's salt (its first 16 bytes, the only part SQLCipher leaves in clear)
/// compares with the salts a key file recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaltMatch {
    /// One of the recorded salts (or none recorded yet: an older key file).
    Recorded,
    /// A few bits away from a recorded salt: the same vault with damaged bytes.
    Damaged,
    /// Unlike every recorded salt: the key file belongs to another vault.
    Foreign,
    /// Too short or too regular to be an encrypted vault at all (text, zeros, plain SQLite).
    Unreadable,
}

/// At most this many of the salt's 128 bits may differ for the file to count as damaged
/// rather than foreign (two random salts differ in 64 ± 6 bits).
const DAMAGED_SALT_BITS: u32 = 24;

/// Compares the salt of `vault` with `recorded` (hex), see [`SaltMatch`].
pub fn salt_match(vault: &Path, recorded: &[String]) -> SaltMatch {
    use std::io::Read;
    let mut first_page = Vec::with_capacity(4096);
    let read = std::fs::File::open(vault).and_then(|f| f.take(4096).read_to_end(&mut first_page));
    if read.is_err() || !looks_encrypted(&first_page) {
        return SaltMatch::Unreadable;
    }
    let salt = &first_page[..16];
    let decoded: Vec<Vec<u8>> = recorded
        .iter()
        .filter_map(|hex_salt| hex::decode(hex_salt).ok())
        .filter(|s| s.len() == 16)
        .collect();
    if decoded.is_empty() || decoded.iter().any(|s| s == salt) {
        return SaltMatch::Recorded;
    }
    let nearest = decoded
        .iter()
        .map(|s| {
            s.iter()
                .zip(salt)
                .map(|(a, b)| (a ^ b).count_ones())
                .sum::<u32>()
        })
        .min()
        .unwrap_or(128);
    if nearest <= DAMAGED_SALT_BITS {
        SaltMatch::Damaged
    } else {
        SaltMatch::Foreign
    }
}

/// An encrypted page is a full page of bytes that look random: nearly every byte value occurs.
fn looks_encrypted(first_page: &[u8]) -> bool {
    if first_page.len() < 4096 {
        return false;
    }
    let mut seen = [false; 256];
    for b in first_page {
        seen[usize::from(*b)] = true;
    }
    seen.iter().filter(|s| **s).count() >= 200
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> LoginId {
        LoginId::parse(s).unwrap()
    }

    const KDF: KdfParams = KdfParams::INSECURE_FOR_TESTS;

    fn user_slot(owner: &str, pw: &[u8], master: &MasterKey) -> Slot {
        Slot::create("v1", SlotOwner::User(id(owner)), pw, None, KDF, 1, master).unwrap()
    }

    #[test]
    fn a_slot_opens_with_its_password_only() {
        let master = MasterKey::generate();
        let slot = user_slot("a", b"correct horse", &master);
        let back = slot.open("v1", b"correct horse", None, 1).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].0, 1);
        assert_eq!(back[0].1.as_bytes(), master.as_bytes());
        assert!(matches!(
            slot.open("v1", b"wrong horse", None, 1),
            Err(UnwrapError::WrongSecret)
        ));
    }

    #[test]
    fn a_new_key_reaches_a_slot_without_its_password() {
        let first = MasterKey::generate();
        let second = MasterKey::generate();
        let mut slot = user_slot("a", b"pw", &first);
        slot.seal("v1", 2, &second).unwrap();
        let keys = slot.open("v1", b"pw", None, 1).unwrap();
        assert_eq!(keys[0].0, 2, "newest first");
        assert_eq!(keys[0].1.as_bytes(), second.as_bytes());
        slot.keep_generations_from(2);
        let keys = slot.open("v1", b"pw", None, 1).unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].1.as_bytes(), second.as_bytes());
    }

    #[test]
    fn an_old_copy_of_a_slot_opens_no_new_key() {
        let first = MasterKey::generate();
        let old = user_slot("a", b"pw", &first);
        // The password is changed (a new slot, a new key pair), then the key is rotated.
        let mut renewed = user_slot("a", b"new pw", &first);
        renewed.seal("v1", 2, &MasterKey::generate()).unwrap();
        let from_old = old.open("v1", b"pw", None, 1).unwrap();
        assert_eq!(from_old.len(), 1);
        assert_eq!(from_old[0].0, 1, "the old copy knows only the old key");
    }

    #[test]
    fn a_v1_slot_still_opens() {
        let master = MasterKey::generate();
        let slot =
            Slot::create_v1("v1", SlotOwner::User(id("a")), b"pw", None, KDF, &master).unwrap();
        assert!(slot.is_v1());
        let keys = slot.open("v1", b"pw", None, 1).unwrap();
        assert_eq!(keys[0].1.as_bytes(), master.as_bytes());
        assert!(slot.clone().seal("v1", 2, &master).is_err());
    }

    #[test]
    fn a_device_bound_slot_needs_the_device_secret() {
        let master = MasterKey::generate();
        let device = Zeroizing::new([7u8; 32]);
        let other = Zeroizing::new([8u8; 32]);
        let slot = Slot::create(
            "v1",
            SlotOwner::User(id("a")),
            b"pw",
            Some(&device),
            KDF,
            1,
            &master,
        )
        .unwrap();
        assert!(slot.open("v1", b"pw", Some(&device), 1).is_ok());
        assert!(slot.open("v1", b"pw", None, 1).is_err());
        assert!(slot.open("v1", b"pw", Some(&other), 1).is_err());
    }

    #[test]
    fn a_slot_moved_to_another_user_or_vault_does_not_open() {
        let master = MasterKey::generate();
        let mut slot = user_slot("a", b"pw", &master);
        assert!(slot.open("v2", b"pw", None, 1).is_err());
        slot.owner = SlotOwner::User(id("b"));
        assert!(slot.open("v1", b"pw", None, 1).is_err());
    }

    #[test]
    fn the_file_holds_login_ids_but_no_key_material_in_clear() {
        let master = MasterKey::generate();
        let mut file = KeySlots::new("vault-1".into(), id("boss"));
        file.put(
            Slot::create(
                "vault-1",
                SlotOwner::User(id("boss")),
                b"pw",
                None,
                KDF,
                1,
                &master,
            )
            .unwrap(),
        );
        let bytes = file.to_bytes().unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("boss"));
        assert!(!text.contains(&hex::encode(master.as_bytes())));
        assert!(!text.contains(&B64.encode(master.as_bytes())));
        assert_eq!(KeySlots::from_bytes(Path::new("x"), &bytes).unwrap(), file);
    }

    #[test]
    fn a_v1_file_is_read_and_written_back_as_v2() {
        let master = MasterKey::generate();
        let text = format!(
            r#"{{"format":"kiroku-keys-v1","vault_id":"v1","first_officer":"boss","slots":[{}]}}"#,
            serde_json::to_string(
                &Slot::create_v1("v1", SlotOwner::User(id("boss")), b"pw", None, KDF, &master)
                    .unwrap()
            )
            .unwrap()
        );
        let file = KeySlots::from_bytes(Path::new("x"), text.as_bytes()).unwrap();
        assert_eq!(file.generation, 1);
        let back = String::from_utf8(file.to_bytes().unwrap()).unwrap();
        assert!(back.contains("kiroku-keys-v2"));
    }

    #[test]
    fn disabling_removes_the_slot_and_changes_the_digest() {
        let master = MasterKey::generate();
        let mut file = KeySlots::new("v".into(), id("boss"));
        file.put(
            Slot::create("v", SlotOwner::User(id("c")), b"pw", None, KDF, 1, &master).unwrap(),
        );
        let before = file.slots_digest().unwrap();
        file.failed_logins.insert(
            "x".into(),
            Failures {
                count: 1,
                first: chrono::DateTime::UNIX_EPOCH,
                last: chrono::DateTime::UNIX_EPOCH,
            },
        );
        assert_eq!(
            file.slots_digest().unwrap(),
            before,
            "the failure copy is not access"
        );
        file.disable(&id("c"));
        assert!(file.slot(&SlotOwner::User(id("c"))).is_none());
        assert!(file.is_disabled(&id("c")));
        assert_ne!(file.slots_digest().unwrap(), before);
    }
}
