//! The system print dialog (「印刷する」): the window prints the form's pages itself
//! (`window.print()`), one image per sheet. WebView2 takes the sheet's size and orientation from
//! the page's `@page` rule; WebKitGTK does not, so on Linux the dialog is opened with A4 in the
//! form's orientation already chosen.

use std::sync::atomic::{AtomicBool, Ordering};

/// The orientation of the form last handed to the print dialog (`print_dialog`).
static LANDSCAPE: AtomicBool = AtomicBool::new(true);

/// Remembers the orientation of the form about to be printed.
pub fn orient(landscape: bool) {
    LANDSCAPE.store(landscape, Ordering::Relaxed);
}

/// Sets the page of every print dialog the window opens to A4 in that orientation.
#[cfg(target_os = "linux")]
pub fn install(window: &tauri::WebviewWindow) {
    use webkit2gtk::{PrintOperationExt, WebViewExt};
    let _ = window.with_webview(|webview| {
        webview.inner().connect_print(|_, operation| {
            let setup = gtk::PageSetup::new();
            setup.set_paper_size(&gtk::PaperSize::new(Some(gtk::PAPER_NAME_A4)));
            setup.set_orientation(if LANDSCAPE.load(Ordering::Relaxed) {
                gtk::PageOrientation::Landscape
            } else {
                gtk::PageOrientation::Portrait
            });
            operation.set_page_setup(&setup);
            // Not handled: WebKit opens its dialog with this page setup.
            false
        });
    });
}

#[cfg(not(target_os = "linux"))]
pub fn install(_window: &tauri::WebviewWindow) {}
