//! The system print dialog (「印刷する」): the window prints the form's pages itself
//! (`window.print()`), one image per sheet, every sheet A4 portrait (a 横 form comes turned a
//! quarter: WebKitGTK 2.50 prints landscape sheets blank). WebView2 takes the sheet from the
//! page's `@page` rule; WebKitGTK does not, so on Linux the dialog is opened on A4 portrait
//! with no margin, whatever the locale's default paper.

/// Sets the page of every print dialog the window opens to A4 portrait, no margin.
#[cfg(target_os = "linux")]
pub fn install(window: &tauri::WebviewWindow) {
    use webkit2gtk::{PrintOperationExt, WebViewExt};
    let _ = window.with_webview(|webview| {
        webview.inner().connect_print(|_, operation| {
            let setup = gtk::PageSetup::new();
            setup.set_paper_size(&gtk::PaperSize::new(Some(gtk::PAPER_NAME_A4)));
            setup.set_orientation(gtk::PageOrientation::Portrait);
            // The form's PDF has its own margins: each image is the whole sheet.
            for set in [
                gtk::PageSetup::set_top_margin,
                gtk::PageSetup::set_bottom_margin,
                gtk::PageSetup::set_left_margin,
                gtk::PageSetup::set_right_margin,
            ] {
                set(&setup, 0.0, gtk::Unit::Mm);
            }
            operation.set_page_setup(&setup);
            // Not handled: WebKit opens its dialog with this page setup.
            false
        });
    });
}

#[cfg(not(target_os = "linux"))]
pub fn install(_window: &tauri::WebviewWindow) {}
