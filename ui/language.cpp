#include "ui/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace binvit::ui {
namespace {

constexpr char kLanguageKey[] = "ui/language";
// Marks our translators among the application's children, so they can be found and replaced.
constexpr char kTranslatorName[] = "binvitTranslator";
QString current_language = QString(kEnglish);

QString system_language() {
  // Every Chinese locale gets Simplified Chinese: it is closer than English for all of them.
  return QLocale::system().language() == QLocale::Chinese ? QString(kSimplifiedChinese)
                                                          : QString(kEnglish);
}

bool install_translator(const QString& file_name, const QString& directory) {
  auto* translator = new QTranslator(QCoreApplication::instance());
  translator->setObjectName(kTranslatorName);
  if (!translator->load(file_name, directory) || !QCoreApplication::installTranslator(translator)) {
    delete translator;
    return false;
  }
  return true;
}

}  // namespace

QStringList supported_languages() { return {kEnglish, kSimplifiedChinese}; }

QString language_endonym(const QString& code) {
  if (code == kSimplifiedChinese) return QStringLiteral("简体中文");
  return QStringLiteral("English");
}

QString saved_language() {
  const QString code = QSettings().value(kLanguageKey).toString();
  return supported_languages().contains(code) ? code : system_language();
}

void save_language(const QString& code) { QSettings().setValue(kLanguageKey, code); }

bool install_translations(const QString& code) {
  remove_translations();
  if (code == kEnglish) return true;
  if (!install_translator(QStringLiteral("binvit_") + code, QStringLiteral(":/i18n"))) return false;
  current_language = code;
  // Qt's own strings (standard buttons, About Qt); optional, as not every system installs them.
  install_translator(QStringLiteral("qtbase_") + code,
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath));
  return true;
}

QString installed_language() { return current_language; }

void remove_translations() {
  const auto translators = QCoreApplication::instance()->findChildren<QTranslator*>(
      kTranslatorName, Qt::FindDirectChildrenOnly);
  for (QTranslator* translator : translators) {
    QCoreApplication::removeTranslator(translator);
    delete translator;
  }
  current_language = kEnglish;
}

}  // namespace binvit::ui
