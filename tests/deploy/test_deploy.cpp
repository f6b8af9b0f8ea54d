// The deploy workflows called directly, as the GUI calls them. Qt headers come first on purpose:
// this file compiles only while core/deploy's headers pull in no LibTorch header (Qt's `slots`
// macro would break it), which is what the GUI relies on.
#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include "core/deploy/deploy.h"
#include "core/nn/build_info.h"
#include "tests/support/test_registry.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace deploy = binvit::deploy;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int count_lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

bool positive_finite(double value) { return std::isfinite(value) && value > 0.0; }

}  // namespace

class TestDeploy : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  fs::path model_;  // an untrained, calibrated gsb-deit-mini, exported once for every test
  deploy::ExportResult exported_;

  fs::path file(const std::string& name) const {
    return fs::path(dir_.path().toStdString()) / name;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    model_ = file("mini.bvit");
    deploy::ExportOptions options;
    options.preset = "gsb-deit-mini";
    options.calibrate = 16;
    options.out = model_;
    std::vector<double> fractions;
    exported_ = deploy::export_model(
        options, [&](const std::string&, double fraction) { fractions.push_back(fraction); });
    QVERIFY(!exported_.cancelled);
    QVERIFY(fractions.size() >= 4);
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
    QCOMPARE(fractions.back(), 1.0);
  }

  void exportWritesTheFilesItReports() {
    QCOMPARE(exported_.files.size(), size_t{3});
    const std::vector<std::string> kinds{"bvit", "safetensors", "libtorch"};
    const std::vector<std::string> names{"mini.bvit", "mini.safetensors", "mini.pt"};
    for (size_t i = 0; i < kinds.size(); ++i) {
      const deploy::WrittenFile* f = exported_.file(kinds[i]);
      QVERIFY2(f != nullptr, kinds[i].c_str());
      QCOMPARE(f->path, file(names[i]));
      QVERIFY(fs::exists(f->path));
      QVERIFY(f->bytes > 0);
      QCOMPARE(f->bytes, static_cast<std::uint64_t>(fs::file_size(f->path)));
    }
    QCOMPARE(exported_.calibrated_images, 16);
    QCOMPARE(exported_.variant, std::string("gsb"));
    QVERIFY(exported_.origin.find("gsb-deit-mini") != std::string::npos);

    deploy::write_report(exported_, file("export.json"));
    const auto json = nlohmann::json::parse(read_text(file("export.json")));
    QCOMPARE(json.at("files").size(), size_t{3});
    QCOMPARE(json.at("files").at(0).at("bytes").get<std::uint64_t>(), exported_.files[0].bytes);
    deploy::write_report(exported_, file("export.csv"));
    QCOMPARE(count_lines(read_text(file("export.csv"))), 4);  // header + three files
  }

  void exportRejectsInconsistentOptions() {
    deploy::ExportOptions neither;
    neither.out = file("x.bvit");
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, deploy::export_model(neither));
    deploy::ExportOptions both = neither;
    both.preset = "gsb-deit-mini";
    both.source = model_;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, deploy::export_model(both));
  }

  void verifyAgreesLayerByLayer() {
    deploy::VerifyOptions options;
    options.model = model_;
    options.checkpoint = exported_.file("libtorch")->path;
    options.limit = 6;
    options.batch = 4;
    const deploy::VerifyResult r = deploy::verify_model(options);
    QVERIFY(!r.cancelled);
    QCOMPARE(r.images, std::int64_t{6});
    QCOMPARE(r.dataset_size, std::int64_t{10000});
    QVERIFY(!r.layers.empty());
    std::int64_t bits = 0, counts = 0;
    for (const deploy::LayerAgreementRow& l : r.layers) {
      QVERIFY2(l.differing_same_input == 0, l.name.c_str());
      QVERIFY(l.elements > 0);
      (l.bits ? bits : counts) += l.differing_end_to_end;
    }
    QCOMPARE(r.differing_same_input, std::int64_t{0});
    QCOMPARE(r.differing_bits, bits);
    QCOMPARE(r.differing_counts, counts);
    QVERIFY(std::isfinite(r.max_relative_difference) && r.max_relative_difference >= 0.0);
    QVERIFY(r.top1_agreement >= 0.0 && r.top1_agreement <= 1.0);

    deploy::write_report(r, file("verify.csv"));
    QCOMPARE(count_lines(read_text(file("verify.csv"))), static_cast<int>(r.layers.size()) + 1);
    const nlohmann::json json = r.to_json();
    QCOMPARE(json.at("images").get<std::int64_t>(), std::int64_t{6});
    QCOMPARE(json.at("layers").size(), r.layers.size());
    QVERIFY(r.to_text().find("(bar: 99.9 %)") != std::string::npos);
  }

  void verifyFindsTheCheckpointOfARunFolder() {
    const fs::path run = file("run");
    fs::create_directories(run / "checkpoints" / "stage2");
    fs::copy_file(exported_.file("libtorch")->path, run / "checkpoints" / "stage2" / "best.pt");
    fs::copy_file(exported_.file("libtorch")->path, run / "checkpoints" / "stage2" / "last.pt");
    QCOMPARE(deploy::resolve_checkpoint(run), run / "checkpoints" / "stage2" / "best.pt");
    QCOMPARE(deploy::resolve_checkpoint(model_), model_);
    fs::create_directories(file("empty-run"));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, deploy::resolve_checkpoint(file("empty-run")));
  }

  void benchmarkMeasuresEverySystem() {
    const int threads_before = binvit::nn::build_info().intra_op_threads;
    deploy::BenchmarkOptions options;
    options.model = model_;
    options.rounds = 2;
    options.iterations = 1;
    options.warmup = 0;
    options.threads = {1};
    int calls = 0;
    const deploy::BenchmarkResult r =
        deploy::benchmark_model(options, [&](const std::string&, double) { ++calls; });
    QVERIFY(calls > 0);
    QVERIFY(!r.cancelled);
    QCOMPARE(r.rounds_completed, 2);
    QCOMPARE(r.results.size(), size_t{3});
    for (const char* system : {"engine", "libtorch-float", "libtorch-binary"}) {
      const std::vector<deploy::SystemTiming> rows = r.of_system(system);
      QCOMPARE(rows.size(), size_t{1});
      const deploy::SystemTiming& t = rows[0];
      QVERIFY2(positive_finite(t.median_ms) && positive_finite(t.p90_ms), system);
      QVERIFY(t.p90_ms >= t.median_ms);
      QVERIFY(positive_finite(t.images_per_second) && positive_finite(t.time_over_engine));
      QVERIFY(std::isfinite(t.peak_mib));
      QCOMPARE(t.samples, size_t{2});
    }
    QCOMPARE(r.of_system("engine")[0].time_over_engine, 1.0);
    QCOMPARE(r.bytes.bvit, static_cast<std::uint64_t>(fs::file_size(model_)));
    QVERIFY(r.bytes.float32_checkpoint > 0 && r.bytes.binary_model_checkpoint > 0);
    QCOMPARE(r.bytes.binary_linear_ratio, 32.0);  // packing a sign into a bit, exactly
    QVERIFY(!r.machine.cpu.empty() && !r.machine.blas.empty() && !r.machine.build_flags.empty());
    QVERIFY(r.architecture.at("variant") == "gsb");
    QVERIFY(r.scaling.empty());  // one thread count only
    QCOMPARE(binvit::nn::build_info().intra_op_threads, threads_before);

    deploy::write_report(r, file("bench.json"));
    const auto json = nlohmann::json::parse(read_text(file("bench.json")));
    QCOMPARE(json.at("results").size(), size_t{3});
    QVERIFY(json.at("machine").contains("build_flags"));
    deploy::write_report(r, file("bench.CSV"));
    QCOMPARE(count_lines(read_text(file("bench.CSV"))), 4);
    QVERIFY(r.to_text().find("(32.0x)") != std::string::npos);
  }

  void benchmarkRejectsBadOptions() {
    deploy::BenchmarkOptions options;
    options.model = model_;
    options.rounds = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, deploy::benchmark_model(options));
    options.rounds = 1;
    options.threads = {};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, deploy::benchmark_model(options));
  }

  // A flag raised during the work stops it at the next check; the result says how far it got.
  void cancelStopsEarly() {
    std::atomic<bool> cancel{false};
    const auto cancel_at_first_round = [&](const std::string& step, double) {
      if (step.find("round") != std::string::npos) cancel = true;
    };
    deploy::BenchmarkOptions bench;
    bench.model = model_;
    bench.rounds = 50;
    bench.iterations = 1;
    bench.warmup = 0;
    bench.threads = {1, 2};
    const deploy::BenchmarkResult b =
        deploy::benchmark_model(bench, cancel_at_first_round, &cancel);
    QVERIFY(b.cancelled);
    QCOMPARE(b.rounds_completed, 1);
    QCOMPARE(b.results.size(), size_t{3});  // the one round at 1 thread, nothing at 2
    for (const deploy::SystemTiming& t : b.results) QVERIFY(positive_finite(t.median_ms));
    QVERIFY(b.to_json().at("cancelled").get<bool>());

    cancel = false;
    deploy::VerifyOptions verify;
    verify.model = model_;
    verify.checkpoint = exported_.file("libtorch")->path;
    verify.limit = 40;
    verify.batch = 2;
    const deploy::VerifyResult v = deploy::verify_model(
        verify,
        [&](const std::string& step, double) {
          if (step.find("comparing") != std::string::npos) cancel = true;
        },
        &cancel);
    QVERIFY(v.cancelled);
    QCOMPARE(v.images, std::int64_t{2});

    cancel = true;
    deploy::ExportOptions options;
    options.preset = "gsb-deit-mini";
    options.out = file("cancelled.bvit");
    const deploy::ExportResult e = deploy::export_model(options, {}, &cancel);
    QVERIFY(e.cancelled);
    QVERIFY(e.files.empty());
    QVERIFY(!fs::exists(file("cancelled.bvit")));
  }
};

BINVIT_REGISTER_TEST(TestDeploy);
#include "test_deploy.moc"
