#include "ui/settings/settings_dialog.h"

#include "ui/language.h"
#include "ui/theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace binvit::ui {
namespace {

constexpr char kThreadsKey[] = "settings/threads";
constexpr char kRecentRunsKey[] = "train/recentRuns";
constexpr char kRecentDatasetsKey[] = "data/recent";

QListWidget* recent_list(const char* key) {
  auto* list = new QListWidget;
  list->addItems(QSettings().value(key).toStringList());
  list->setMaximumHeight(90);
  return list;
}

}  // namespace

int saved_threads() { return std::max(1, QSettings().value(kThreadsKey, 1).toInt()); }

void save_threads(int threads) { QSettings().setValue(kThreadsKey, threads); }

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("settingsDialog"));
  setWindowTitle(tr("Settings"));
  threads_ = new QSpinBox;
  threads_->setObjectName(QStringLiteral("threads"));
  threads_->setRange(1, std::max(1, QThread::idealThreadCount()));
  threads_->setValue(saved_threads());
  threads_->setToolTip(tr("LibTorch intra-op threads for training, evaluation and inspection"));
  theme_ = new QComboBox;
  theme_->setObjectName(QStringLiteral("theme"));
  theme_->addItem(tr("Light"), theme_name(Theme::Light));
  theme_->addItem(tr("Dark"), theme_name(Theme::Dark));
  theme_->setCurrentIndex(current_theme() == Theme::Dark ? 1 : 0);
  language_ = new QComboBox;
  language_->setObjectName(QStringLiteral("language"));
  for (const QString& code : supported_languages())
    language_->addItem(language_endonym(code), code);
  language_->setCurrentIndex(language_->findData(saved_language()));
  language_->setToolTip(tr("Applies when BinViT Studio restarts"));
  recent_runs_ = recent_list(kRecentRunsKey);
  recent_datasets_ = recent_list(kRecentDatasetsKey);
  auto* clear_recent = new QPushButton(tr("Clear recent lists"));
  connect(clear_recent, &QPushButton::clicked, this, [this] {
    QSettings settings;
    settings.remove(kRecentRunsKey);
    settings.remove(kRecentDatasetsKey);
    recent_runs_->clear();
    recent_datasets_->clear();
  });
  auto* reset = new QPushButton(tr("Reset window layout"));
  connect(reset, &QPushButton::clicked, this, &SettingsDialog::reset_layout_requested);

  auto* form = new QFormLayout;
  form->addRow(tr("Threads"), threads_);
  form->addRow(tr("Theme"), theme_);
  form->addRow(tr("Language"), language_);
  form->addRow(tr("Recent runs"), recent_runs_);
  form->addRow(tr("Recent datasets"), recent_datasets_);
  form->addRow(clear_recent);
  form->addRow(reset);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    apply();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
}

void SettingsDialog::apply() {
  save_threads(threads_->value());
  emit threads_changed(threads_->value());
  Theme theme = Theme::Light;
  parse_theme(theme_->currentData().toString(), &theme);
  if (theme != current_theme()) {
    apply_theme(theme);
    save_theme(theme);
  }
  save_language(language_->currentData().toString());
}

}  // namespace binvit::ui
