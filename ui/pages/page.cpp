#include "ui/pages/page.h"

#include <QFrame>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace binvit::ui {
namespace {

// Paragraphs wider than this are tiring to read on a wide window.
constexpr int kMaxParagraphWidth = 760;

QLabel* create_title_label(const QString& title) {
  auto* label = new QLabel(title);
  label->setObjectName(QStringLiteral("pageTitle"));
  QFont font = label->font();
  font.setPointSizeF(font.pointSizeF() * 1.6);
  font.setBold(true);
  label->setFont(font);
  return label;
}

QLabel* create_description_label(const QString& description) {
  auto* label = new QLabel(description);
  label->setObjectName(QStringLiteral("pageDescription"));
  label->setTextFormat(Qt::PlainText);
  label->setWordWrap(true);
  label->setMaximumWidth(kMaxParagraphWidth);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

}  // namespace

QVBoxLayout* Page::create_page_layout(const QString& description) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 20, 24, 20);
  layout->setSpacing(12);
  layout->addWidget(create_title_label(title()));
  layout->addWidget(create_description_label(description));
  auto* rule = new QFrame;
  rule->setFrameShape(QFrame::HLine);
  rule->setFrameShadow(QFrame::Sunken);
  layout->addWidget(rule);
  // The content scrolls when the window is smaller than it would like, so no page dictates the
  // window's minimum size (a laptop screen, a docked log pane).
  auto* content = new QWidget;
  content->setObjectName(QStringLiteral("pageContent"));
  auto* scroll = new QScrollArea;
  scroll->setObjectName(QStringLiteral("pageScroll"));
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidgetResizable(true);
  scroll->setWidget(content);
  layout->addWidget(scroll, 1);
  auto* content_layout = new QVBoxLayout(content);
  content_layout->setContentsMargins(0, 0, 0, 0);
  content_layout->setSpacing(12);
  return content_layout;
}

}  // namespace binvit::ui
