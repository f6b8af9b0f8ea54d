#pragma once
// The user-interface language: which one is chosen, and loading its translations from the
// resources compiled into binvit_ui (":/i18n/binvit_<code>.qm").

#include <QString>
#include <QStringList>

namespace binvit::ui {

// Codes of the languages the application ships; English is the source language.
inline constexpr char kEnglish[] = "en";
inline constexpr char kSimplifiedChinese[] = "zh_CN";
QStringList supported_languages();

// The language's name written in that language ("English", "简体中文"), so that a user who cannot
// read the current interface language still finds their own in the menu.
QString language_endonym(const QString& code);

// The persisted choice ("ui/language" in QSettings); when nothing was saved, the system language
// if we ship it, else English.
QString saved_language();
void save_language(const QString& code);

// Replaces the installed translations with those for `code` (the application's, plus Qt's own
// when they are installed on the system). English installs none. Returns false if the
// application's translation for `code` is missing.
bool install_translations(const QString& code);
// The language last installed ("en" before any), which may differ from the saved one after the
// user chose another language in this session (it applies at the next start).
QString installed_language();
// Removes every translator install_translations() installed.
void remove_translations();

}  // namespace binvit::ui
