; Windows installer of Kinerja Desktop (NSIS 3: Modern UI 2 and MultiUser).
;
;   makensis -DVERSION=0.1.0 -DPAYLOAD=..\..\dist\kinerja-desktop kinerja.nsi
;
; PAYLOAD is the one-folder program made by PyInstaller (installer/kinerja.spec); OUTFILE
; defaults to dist\kinerja-desktop-<version>-setup.exe; -DCOMPRESSOR=zlib makes a quick build
; (the Linux check in `make test-installer` uses it; releases use solid LZMA).
;
; Who installs it:
; - Staff on a locked-down PC (no administrator rights): the setup asks for no elevation
;   (RequestExecutionLevel user) and installs for the current user only, into
;   %LOCALAPPDATA%\Programs\Kinerja Desktop, registering everything under HKCU.
; - An administrator, starting it elevated ("Run as administrator"), chooses on a page
;   between all users (Program Files, HKLM, shortcuts for everyone) and just them.
;   Silent deployment: setup.exe /S /AllUsers (elevated) or setup.exe /S (per user).
;
; Double-clicking a .kinerja bundle file runs `kinerja-desktop.exe "<file>"`, which opens
; the sync import preview. Installing a newer version over an older one replaces the program
; files only. The user's data (%LOCALAPPDATA%\Kinerja\KinerjaDesktop) is never in the
; program folder: upgrades keep it, and the uninstaller keeps it unless "Also delete my
; data" is ticked on its components page (only the data of the user running it).

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef PAYLOAD
  !define PAYLOAD "..\..\dist\kinerja-desktop"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\kinerja-desktop-${VERSION}-setup.exe"
!endif
!ifdef COMPRESSOR
  SetCompressor ${COMPRESSOR}
!else
  SetCompressor /SOLID lzma
!endif

!define APPNAME "Kinerja Desktop"
!define APPEXE "kinerja-desktop.exe"
!define PUBLISHER "Kinerja Desktop"
!define PROGID "KinerjaDesktop.Bundle"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\KinerjaDesktop"
!define BUNDLE_ICON "_internal\resources\icons\kinerja-bundle.ico"
; platformdirs.user_data_dir("KinerjaDesktop", "Kinerja") on Windows (see kinerja_desktop/paths.py)
!define DATA_SUBDIR "Kinerja\KinerjaDesktop"

Name "${APPNAME}"
OutFile "${OUTFILE}"
BrandingText "${APPNAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APPNAME} Setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT License"

; --- per-user by default, all users when run elevated ----------------------------------------
; MULTIUSER_EXECUTIONLEVEL Standard gives RequestExecutionLevel user. MultiUser.nsh offers its
; install-mode page only with the "ALLUSERS" levels, which would ask for elevation; defining
; MULTIUSER_EXECUTIONLEVEL_ALLUSERS here keeps the page (and /AllUsers) for a setup that is
; already elevated, while a standard user never sees a UAC prompt (the page skips itself).
!define MULTIUSER_EXECUTIONLEVEL Standard
!define MULTIUSER_EXECUTIONLEVEL_ALLUSERS
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_INSTALLMODE_INSTDIR "${APPNAME}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINSTKEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${UNINSTKEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!define MULTIUSER_USE_PROGRAMFILES64
!include MultiUser.nsh
!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh
!include x64.nsh

!define MUI_ICON "..\..\resources\icons\kinerja.ico"
!define MUI_UNICON "..\..\resources\icons\kinerja.ico"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_REGISTRY_ROOT "HKCU"
!define MUI_LANGDLL_REGISTRY_KEY "Software\Kinerja\KinerjaDesktop"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APPEXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; Indonesian first: it is the default when Windows' language is neither of the two.
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString SecProgramName ${LANG_INDONESIAN} "Program Kinerja Desktop"
LangString SecProgramName ${LANG_ENGLISH} "Kinerja Desktop program"
LangString SecStartMenuName ${LANG_INDONESIAN} "Pintasan di menu Start"
LangString SecStartMenuName ${LANG_ENGLISH} "Start menu shortcut"
LangString SecDesktopName ${LANG_INDONESIAN} "Pintasan di desktop"
LangString SecDesktopName ${LANG_ENGLISH} "Desktop shortcut"
LangString BundleTypeName ${LANG_INDONESIAN} "Berkas sinkronisasi Kinerja Desktop"
LangString BundleTypeName ${LANG_ENGLISH} "Kinerja Desktop sync bundle"
LangString UnSecProgramName ${LANG_INDONESIAN} "Program Kinerja Desktop"
LangString UnSecProgramName ${LANG_ENGLISH} "Kinerja Desktop program"
LangString UnSecDataName ${LANG_INDONESIAN} "Hapus juga data saya (basis data, lampiran, cadangan)"
LangString UnSecDataName ${LANG_ENGLISH} "Also delete my data (database, attachments, backups)"
LangString Need64Bit ${LANG_INDONESIAN} "Kinerja Desktop memerlukan Windows 10 atau 11 versi 64-bit."
LangString Need64Bit ${LANG_ENGLISH} "Kinerja Desktop needs 64-bit Windows 10 or 11."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(Need64Bit)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MULTIUSER_INIT
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "$(SecProgramName)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program files; libraries of the older version must not linger.
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${APPEXE},0"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" $0

  ; Bundle files (*.kinerja) open the import preview.
  WriteRegStr SHCTX "Software\Classes\.kinerja" "" "${PROGID}"
  WriteRegStr SHCTX "Software\Classes\.kinerja" "Content Type" "application/x-kinerja-bundle"
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "$(BundleTypeName)"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${BUNDLE_ICON}"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APPEXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "$(SecStartMenuName)" SecStartMenu
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${APPEXE}"
SectionEnd

Section "$(SecDesktopName)" SecDesktop
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${APPEXE}"
SectionEnd

Section "un.$(UnSecProgramName)" UnSecProgram
  SectionIn RO
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\kinerja-desktop.exe"
  Delete "$INSTDIR\kinerja.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ReadRegStr $0 SHCTX "Software\Classes\.kinerja" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey SHCTX "Software\Classes\.kinerja"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  DeleteRegKey SHCTX "${UNINSTKEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

; Unticked by default (a silent uninstall keeps the data too).
Section /o "un.$(UnSecDataName)" UnSecData
  ; The data is the user's own even when the program was installed for all users.
  SetShellVarContext current
  RMDir /r "$LOCALAPPDATA\${DATA_SUBDIR}"
  RMDir "$LOCALAPPDATA\Kinerja"
SectionEnd
