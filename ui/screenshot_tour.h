#pragma once
// `binvit-studio --screenshots DIR`: a short demo session driven through the real pages (a few
// hundred Fashion-MNIST images, the two-block demo model, the GSB two-stage recipe for one epoch
// each, inspection of a test image, export, verification and benchmark), then every page and the
// main views rendered to PNG files in DIR. The README's pictures come from it.

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <vector>

namespace binvit::ui {

class MainWindow;

class ScreenshotTour : public QObject {
  Q_OBJECT

 public:
  ScreenshotTour(MainWindow* window, QString folder, QObject* parent = nullptr);

  void start();

 signals:
  // ok: every step worked and every picture was written; message says what failed.
  void finished(bool ok, const QString& message);

 private:
  void next();
  void fail(const QString& message);
  bool grab(const QString& name);

  MainWindow* window_;
  QString folder_;
  QTemporaryDir runs_;
  QString run_;
  std::vector<std::function<void()>> steps_;
  size_t step_ = 0;
};

}  // namespace binvit::ui
