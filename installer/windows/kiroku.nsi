; Kiroku の Windows インストーラー (NSIS 3, makensis で作る: scripts/build-windows.sh)。
;
; - 利用者ごとのインストール: %LOCALAPPDATA%\Programs\Kiroku に入れ、管理者権限を求めない。
; - スタートメニューに「Kiroku 特定個人情報 取扱記録」。
; - 「プログラムと機能」(HKCU) に名前・バージョン・発行元。
; - アンインストーラーは入れたファイルだけを消す。記録ファイル (vault) には決して触れない。
;
; makensis -DVERSION=0.1.0 -DSTAGE=<exe と dll のあるフォルダ> -DOUTFILE=<出力> kiroku.nsi

Unicode true
; A 64-bit installer: Kiroku is x64 only, and it runs under wine64 in CI (no 32-bit Wine there).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
; Both programs carry the same fonts, SQLCipher and OpenSSL: a dictionary that spans both
; stores them once (19.7 MB with the default 8 MB dictionary).
SetCompressorDictSize 64
RequestExecutionLevel user

!ifndef VERSION
  !error "-DVERSION=x.y.z を渡してください"
!endif
!ifndef STAGE
  !error "-DSTAGE=<フォルダ> を渡してください"
!endif
!ifndef SIZE_KB
  !define SIZE_KB 0
!endif
!ifndef OUTFILE
  !define OUTFILE "Kiroku-${VERSION}-setup.exe"
!endif

!define APPNAME "Kiroku"
!define SHORTCUT "Kiroku 特定個人情報 取扱記録"
!define PUBLISHER "Kiroku プロジェクト"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Kiroku"
; The WebView2 runtime's client ID (Evergreen), as Microsoft documents for detection.
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${SHORTCUT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Kiroku"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1041 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=1041 "FileDescription" "${SHORTCUT} インストーラー"
VIAddVersionKey /LANG=1041 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1041 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1041 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1041 "LegalCopyright" "MIT License"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${STAGE}\kiroku.ico"
!define MUI_UNICON "${STAGE}\kiroku.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "${SHORTCUT} をこのパソコンにインストールします。$\r$\n$\r$\n\
インストール先はあなたのユーザーフォルダーの中で、管理者の権限は要りません。$\r$\n$\r$\n\
記録ファイル (office.kiroku) はプログラムとは別の場所に置かれ、アンインストールしても消えません。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\kiroku-app.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Kiroku を起動する"
!define MUI_FINISHPAGE_SHOWREADME "$INSTDIR\README.txt"
!define MUI_FINISHPAGE_SHOWREADME_TEXT "はじめにお読みください (README) を開く"
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Japanese"

; The files this installer puts in $INSTDIR, and nothing else: the uninstaller removes exactly
; these, so a vault someone saved into the program folder is never deleted.
!macro KIROKU_FILES ACTION
  ${ACTION} "kiroku-app.exe"
  ${ACTION} "kiroku.exe"
  ${ACTION} "WebView2Loader.dll"
  ${ACTION} "README.txt"
  ${ACTION} "IPA_Font_License.txt"
  ${ACTION} "OFL-NotoSansCJK.txt"
  ${ACTION} "kiroku.ico"
  ; 「ヘルプ」 opens it from here (src-tauri/src/manual.rs: beside kiroku-app.exe).
  ${ACTION} "操作マニュアル.pdf"
!macroend
!define INSTALL_ONE "!insertmacro INSTALL_ONE"
!macro INSTALL_ONE NAME
  File "${STAGE}\${NAME}"
!macroend
!define REMOVE_ONE "!insertmacro REMOVE_ONE"
!macro REMOVE_ONE NAME
  Delete "$INSTDIR\${NAME}"
!macroend

Function WebView2Present
  ; Out: $0 = "1" when the WebView2 runtime is installed (per machine or per user).
  StrCpy $0 "0"
  ReadRegStr $1 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $1 != ""
  ${AndIf} $1 != "0.0.0.0"
    StrCpy $0 "1"
    Return
  ${EndIf}
  ReadRegStr $1 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $1 != ""
  ${AndIf} $1 != "0.0.0.0"
    StrCpy $0 "1"
    Return
  ${EndIf}
  ReadRegStr $1 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $1 != ""
  ${AndIf} $1 != "0.0.0.0"
    StrCpy $0 "1"
  ${EndIf}
FunctionEnd

Section "Kiroku" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  !insertmacro KIROKU_FILES "${INSTALL_ONE}"

  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${SHORTCUT}.lnk" "$INSTDIR\kiroku-app.exe" "" "$INSTDIR\kiroku.ico" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${SHORTCUT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\kiroku.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${SIZE_KB}

  Call WebView2Present
  ${If} $0 != "1"
    MessageBox MB_OK|MB_ICONINFORMATION "Kiroku の画面には Microsoft Edge WebView2 ランタイムが必要ですが、\
このパソコンには見つかりませんでした。$\r$\n$\r$\n\
Windows 11 には最初から入っています。Windows 10 では、Microsoft の「WebView2 ランタイム$\r$\n\
(Evergreen Standalone Installer)」を情報システム担当者から受け取ってインストールしてください。$\r$\n$\r$\n\
インストールは続けます。コマンド版 (kiroku.exe) は WebView2 なしで使えます。" /SD IDOK
  ${EndIf}
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Only what the installer put here. The vault (office.kiroku and its .keys file, by default
  ; in %LOCALAPPDATA%\Kiroku), its backups and printed forms are never touched.
  !insertmacro KIROKU_FILES "${REMOVE_ONE}"
  Delete "$SMPROGRAMS\${SHORTCUT}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
  Delete "$INSTDIR\uninstall.exe"
  ; Not /r: a folder that still holds anything else (a vault saved here, say) stays.
  RMDir "$INSTDIR"
SectionEnd
