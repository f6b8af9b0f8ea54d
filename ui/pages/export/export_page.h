#pragma once
// The Export & Benchmark page: one click exports the chosen checkpoint (or run) to a `.bvit`,
// verifies the packed engine against the LibTorch model on real images, and benchmarks it against
// LibTorch float and simulated binary; the results show as an agreement table, latency,
// throughput and size charts with the ratios, and save as a JSON, CSV and PNG report. The work
// runs in the background (core/deploy) and can be cancelled between steps.

#include "ui/pages/page.h"

#include <QString>

#include <atomic>
#include <memory>

class QCheckBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace binvit::ui {

class StudioSession;
struct DeployOutcome;

class ExportPage : public Page {
  Q_OBJECT

 public:
  explicit ExportPage(StudioSession* session, QWidget* parent = nullptr);
  ~ExportPage() override;

  QString title() const override;
  QString summary() const override;
  QIcon icon() const override;

  void set_source(const QString& checkpoint_or_run);
  void set_verify_images(int images);
  void set_benchmark_rounds(int rounds, int iterations);
  // Export, verify, benchmark; false when already busy or the source is empty.
  bool run_all();
  void cancel();
  bool busy() const { return busy_; }
  // Writes report.json, report.csv and the charts as PNG into `folder`; false on a write error.
  bool save_report(const QString& folder) const;
  QTableWidget* agreement_table() const { return agreement_; }
  QString result_summary() const;
  // Whether the last finished run's verification met every agreement bar.
  bool verification_passed() const { return verification_passed_; }

 signals:
  void finished(bool ok);

 private:
  QWidget* create_form();
  QWidget* create_results();
  void show_outcome(const DeployOutcome& outcome);
  void show_failure(const QString& message);
  void show_progress(const QString& step, double fraction);
  void choose_report_folder();

  StudioSession* session_;
  QLineEdit* source_ = nullptr;
  QLineEdit* output_ = nullptr;
  QSpinBox* verify_images_ = nullptr;
  QSpinBox* rounds_ = nullptr;
  QSpinBox* iterations_ = nullptr;
  QCheckBox* two_threads_ = nullptr;
  QPushButton* run_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QPushButton* save_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* step_ = nullptr;
  QLabel* summary_ = nullptr;
  QTableWidget* agreement_ = nullptr;
  QCustomPlot* latency_ = nullptr;
  QCustomPlot* throughput_ = nullptr;
  QCustomPlot* sizes_ = nullptr;
  std::shared_ptr<std::atomic<bool>> cancel_flag_;
  std::shared_ptr<const DeployOutcome> outcome_;
  bool busy_ = false;
  bool verification_passed_ = false;
};

}  // namespace binvit::ui
