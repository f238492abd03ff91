//! The outside world as the binary sees it: the real clock and the OS credential store
//! (`kiroku_api::Env::system`, shared with the desktop app).

use kiroku_api::Env;

pub fn env() -> Env {
    Env::system()
}
