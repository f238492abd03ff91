//! The app's one piece of state: which vault, and the open session (if someone is logged in).
//! An idle session is dropped (auto-lock) before the next command can use it.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use kiroku_api::{
    ApiError, Env, ErrorBody, InitResponse, LoginReport, LoginRequest, Session, SetupRequest,
};

/// A command's answer: the value, or `{code, message, field}` for the UI.
pub type Reply<T> = Result<T, ErrorBody>;

pub struct AppState {
    env: Env,
    vault: PathBuf,
    open: Mutex<Option<Open>>,
}

struct Open {
    session: Session,
    last_used: Instant,
    idle_limit: Duration,
}

fn idle_limit(minutes: u32) -> Duration {
    Duration::from_secs(u64::from(minutes) * 60)
}

fn locked_error() -> ErrorBody {
    ApiError::AuthFailed(
        "しばらく操作がなかったため、画面をロックしました。もう一度ログインしてください。".into(),
    )
    .body()
}

impl AppState {
    pub fn new(env: Env, vault: PathBuf) -> Self {
        Self {
            env,
            vault,
            open: Mutex::new(None),
        }
    }

    pub fn vault(&self) -> &std::path::Path {
        &self.vault
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Open>> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn keep(&self, session: Session) -> Reply<()> {
        let minutes = session.settings().map_err(|e| e.body())?.auto_lock_minutes;
        *self.slot() = Some(Open {
            session,
            last_used: Instant::now(),
            idle_limit: idle_limit(minutes),
        });
        Ok(())
    }

    /// Runs a use case on the open session; refuses when nobody is logged in or the session
    /// has been idle longer than the auto-lock limit (then it is closed).
    pub fn with<T>(&self, f: impl FnOnce(&mut Session) -> Result<T, ApiError>) -> Reply<T> {
        let mut slot = self.slot();
        let open = slot.as_mut().ok_or_else(locked_error)?;
        if open.last_used.elapsed() > open.idle_limit {
            if let Some(open) = slot.take() {
                let _ = open.session.logout();
            }
            return Err(locked_error());
        }
        open.last_used = Instant::now();
        f(&mut open.session).map_err(|e| e.body())
    }

    /// Takes a new auto-lock limit at once (after the setting changed).
    pub fn set_idle_minutes(&self, minutes: u32) {
        if let Some(open) = self.slot().as_mut() {
            open.idle_limit = idle_limit(minutes);
        }
    }

    pub fn setup(&self, req: SetupRequest) -> Reply<InitResponse> {
        let password = req.password.clone();
        let officer = req.officer_id.clone();
        let init = req.into_init(&self.vault).map_err(|e| e.body())?;
        let response = kiroku_api::init(&self.env, init).map_err(|e| e.body())?;
        let (session, _) =
            kiroku_api::login(&self.env, &self.vault, &officer, &password).map_err(|e| e.body())?;
        self.keep(session)?;
        Ok(response)
    }

    pub fn login(&self, req: &LoginRequest) -> Reply<LoginReport> {
        let options = kiroku_api::LoginOptions {
            accept_older_vault: req.accept_older_vault,
        };
        let (session, report) =
            kiroku_api::login_with(&self.env, &self.vault, &req.user, &req.password, options)
                .map_err(|e| e.body())?;
        self.keep(session)?;
        Ok(report)
    }

    /// 「パスワードを忘れた場合」: a new password with the recovery code (no session opens).
    pub fn recover_password(&self, req: &kiroku_api::RecoverPasswordRequest) -> Reply<()> {
        kiroku_api::recover_password(&self.env, &self.vault, req).map_err(|e| e.body())
    }

    /// 「バックアップから復元」 into this app's vault path, then logged in with the new password.
    pub fn restore(&self, req: kiroku_api::RestoreFromAppRequest) -> Reply<LoginReport> {
        let (user, password) = (req.user.clone(), req.new_password.clone());
        let full = req.into_restore(&self.vault).map_err(|e| e.body())?;
        kiroku_api::restore(&self.env, full).map_err(|e| e.body())?;
        self.login(&LoginRequest {
            user,
            password,
            accept_older_vault: false,
        })
    }

    /// ロック: logs out and forgets the session.
    pub fn lock(&self) -> Reply<()> {
        match self.slot().take() {
            Some(open) => open.session.logout().map_err(|e| e.body()),
            None => Ok(()),
        }
    }
}
