#include <torch/torch.h>

#include "core/runtime/atomic_file.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using binvit::runtime::replace_file_atomically;
using binvit::runtime::write_file_atomically;

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

size_t entries_in(const fs::path& folder) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

}  // namespace

class TestAtomicFile : public QObject {
  Q_OBJECT

 private slots:
  void writesAndReplaces() {
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "runs" / "config.json";
    write_file_atomically(target, "first");
    QCOMPARE(read_all(target), std::string("first"));
    write_file_atomically(target, std::string("second\0binary", 13));
    QCOMPARE(read_all(target), std::string("second\0binary", 13));
    QCOMPARE(entries_in(target.parent_path()), size_t{1});  // no temporary left behind
  }

  void aFailingWriterLeavesTheOldFileAndNoTemporary() {
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "last.pt";
    write_file_atomically(target, "good checkpoint");
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             replace_file_atomically(target, [](const fs::path& temporary) {
                               std::ofstream(temporary) << "half written";
                               throw std::runtime_error("killed while writing");
                             }));
    QCOMPARE(read_all(target), std::string("good checkpoint"));
    QCOMPARE(entries_in(target.parent_path()), size_t{1});
  }

  void torchSaveGoesThroughTheTemporaryFile() {
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "tensor.pt";
    const auto tensor = torch::arange(10);
    replace_file_atomically(target, [&](const fs::path& temporary) {
      torch::save(tensor, temporary.string());
    });
    torch::Tensor loaded;
    torch::load(loaded, target.string());
    QVERIFY(torch::equal(loaded, tensor));
  }

  void errorsNameTheFile() {
    QTemporaryDir dir;
    const fs::path blocker = fs::path(dir.path().toStdString()) / "not-a-folder";
    write_file_atomically(blocker, "x");
    try {
      write_file_atomically(blocker / "config.json", "y");
      QFAIL("writing below a regular file must fail");
    } catch (const std::exception& error) {
      QVERIFY2(std::string(error.what()).find("not-a-folder") != std::string::npos, error.what());
    }
  }
};

BINVIT_REGISTER_TEST(TestAtomicFile);
#include "test_atomic_file.moc"
