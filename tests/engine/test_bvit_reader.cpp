#include "core/runtime/format/bvit_file.h"
#include "core/runtime/json/json_parser.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace fmt = binvit::runtime::format;
namespace json = binvit::runtime::json;

namespace {

fmt::BvitWriter sample_writer() {
  fmt::BvitWriter w;
  w.add_f32("scale", {3}, {0.5f, -1.25f, 3.0f});
  w.add_u64("packed", {2, 2}, {1, 2, 3, 0xFFFFFFFFFFFFFFFFULL});
  w.add_i8("int8", {5}, {-128, -1, 0, 1, 127});
  return w;
}

json::Value sample_header() {
  json::Value h = json::Value::object();
  h.set("note", "test");
  return h;
}

std::string sample_file() { return sample_writer().serialize(sample_header()); }

// Parses `bytes`; returns the error message, or "" when the file was accepted.
std::string error_of(const std::string& bytes) {
  try {
    fmt::BvitFile::parse(bytes.data(), bytes.size(), "sample.bvit");
    return "";
  } catch (const fmt::BvitError& error) {
    return error.what();
  }
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A file with a hand-written tensor table and a correct checksum: only the content is wrong.
std::string file_with_table(const std::string& table, std::size_t data_bytes) {
  return fmt::assemble_bvit("{\"tensors\":" + table + "}", std::string(data_bytes, '\0'));
}

}  // namespace

class TestBvitReader : public QObject {
  Q_OBJECT

 private slots:
  void roundTripKeepsTensorsAligned() {
    const std::string bytes = sample_file();
    const fmt::BvitFile file = fmt::BvitFile::parse(bytes.data(), bytes.size(), "sample.bvit");
    QCOMPARE(file.version(), fmt::kBvitVersion);
    QCOMPARE(file.header().at("note", "h").as_string("note"), std::string("test"));
    QCOMPARE(file.tensors().size(), size_t{3});
    const fmt::TensorView& scale = file.tensor("scale");
    QCOMPARE(scale.f32()[1], -1.25f);
    QCOMPARE(file.tensor("packed").u64()[3], 0xFFFFFFFFFFFFFFFFULL);
    QCOMPARE(file.tensor("int8").i8()[0], std::int8_t{-128});
    for (const auto& [name, t] : file.tensors()) {
      QVERIFY2(reinterpret_cast<std::uintptr_t>(t.data) % 64 == 0, name.c_str());
      QVERIFY2(t.offset % 64 == 0, name.c_str());
    }
    QVERIFY_THROWS_EXCEPTION(fmt::BvitError, file.tensor("scale").i8());
    QVERIFY(error_of(bytes).empty());
  }

  void writesAtomicallyAndReadsBack() {
    QTemporaryDir dir;
    const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "m.bvit";
    sample_writer().write(path, sample_header());
    const fmt::BvitFile file = fmt::BvitFile::read(path);
    QCOMPARE(file.file_bytes(), static_cast<std::uint64_t>(std::filesystem::file_size(path)));
    QVERIFY(contains(file.where(), path.string()));
    QVERIFY_THROWS_EXCEPTION(fmt::BvitError, fmt::BvitFile::read(path.string() + ".missing"));
  }

  void rejectsEveryTruncation() {
    const std::string bytes = sample_file();
    for (std::size_t size = 0; size < bytes.size(); ++size) {
      const std::string message = error_of(bytes.substr(0, size));
      QVERIFY2(!message.empty(), qPrintable(QString("accepted a file cut at %1").arg(size)));
      QVERIFY2(contains(message, "sample.bvit"), message.c_str());
      if (size >= 32) QVERIFY2(contains(message, "truncated"), message.c_str());
    }
  }

  void rejectsEveryFlippedByte() {
    const std::string bytes = sample_file();
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      std::string corrupt = bytes;
      corrupt[i] = static_cast<char>(corrupt[i] ^ 0x10);
      const std::string message = error_of(corrupt);
      QVERIFY2(!message.empty(), qPrintable(QString("accepted a flipped byte at %1").arg(i)));
      if (i >= 24) QVERIFY2(contains(message, "checksum"), message.c_str());
    }
  }

  void rejectsOtherVersions() {
    std::string bytes = sample_file();
    bytes[4] = 2;
    const std::string message = error_of(bytes);
    QVERIFY2(contains(message, "version 2") && contains(message, "offset 4"), message.c_str());
    const std::string future = fmt::assemble_bvit("{\"tensors\":{}}", "", 7);
    QVERIFY2(contains(error_of(future), "version 7"), error_of(future).c_str());
    std::string magic = sample_file();
    magic[0] = 'X';
    QVERIFY2(contains(error_of(magic), "magic"), error_of(magic).c_str());
  }

  void rejectsAbsurdPreambleLengths() {
    std::string bytes = sample_file();
    for (int i = 8; i < 16; ++i) bytes[static_cast<size_t>(i)] = '\xff';  // header length 2^64-1
    QVERIFY2(contains(error_of(bytes), "header length"), error_of(bytes).c_str());
    bytes = sample_file();
    for (int i = 16; i < 24; ++i) bytes[static_cast<size_t>(i)] = '\x7f';  // data length
    QVERIFY2(contains(error_of(bytes), "data length"), error_of(bytes).c_str());
    bytes = sample_file() + std::string(64, '\0');
    QVERIFY2(contains(error_of(bytes), "trailing bytes"), error_of(bytes).c_str());
  }

  void rejectsBadTensorTables_data() {
    QTest::addColumn<QString>("table");
    QTest::addColumn<int>("data_bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("absurd_shape")
        << R"({"a":{"dtype":"F32","shape":[1099511627776,1099511627776],"offset":0,"bytes":0}})" << 64
        << "absurd shape";
    QTest::newRow("bytes_disagree_with_shape")
        << R"({"a":{"dtype":"F32","shape":[4],"offset":0,"bytes":8}})" << 64 << "need 16";
    QTest::newRow("offset_past_end")
        << R"({"a":{"dtype":"I8","shape":[8],"offset":4096,"bytes":8}})" << 64 << "past the end";
    QTest::newRow("huge_offset")
        << R"({"a":{"dtype":"I8","shape":[8],"offset":9007199254740992,"bytes":8}})" << 64
        << "past the end";
    QTest::newRow("unaligned")
        << R"({"a":{"dtype":"I8","shape":[8],"offset":8,"bytes":8}})" << 64 << "not 64-byte aligned";
    QTest::newRow("overlap")
        << R"({"a":{"dtype":"I8","shape":[100],"offset":0,"bytes":100},"b":{"dtype":"I8","shape":[8],"offset":64,"bytes":8}})"
        << 128 << "overlaps";
    QTest::newRow("unknown_dtype")
        << R"({"a":{"dtype":"F16","shape":[2],"offset":0,"bytes":4}})" << 64 << "unknown dtype";
    QTest::newRow("negative_offset")
        << R"({"a":{"dtype":"I8","shape":[2],"offset":-64,"bytes":2}})" << 64 << "tensors.a.offset";
    QTest::newRow("fractional_dim")
        << R"({"a":{"dtype":"I8","shape":[2.5],"offset":0,"bytes":2}})" << 64 << "tensors.a.shape[0]";
    QTest::newRow("missing_bytes")
        << R"({"a":{"dtype":"I8","shape":[2],"offset":0}})" << 64 << "bytes";
    QTest::newRow("rank_too_high")
        << R"({"a":{"dtype":"I8","shape":[1,1,1,1,1,1,1,1,1],"offset":0,"bytes":1}})" << 64 << "rank 9";
    QTest::newRow("not_an_object") << R"([])" << 0 << "no 'tensors' object";
  }
  void rejectsBadTensorTables() {
    QFETCH(QString, table);
    QFETCH(int, data_bytes);
    QFETCH(QString, expected);
    const std::string message = error_of(file_with_table(table.toStdString(), static_cast<size_t>(data_bytes)));
    QVERIFY2(contains(message, expected.toStdString()), message.c_str());
    QVERIFY2(contains(message, "sample.bvit"), message.c_str());
  }

  void rejectsNonZeroPaddingAndBadJson() {
    std::string data(128, '\0');
    data[100] = 1;  // after the only tensor
    const std::string padded = fmt::assemble_bvit(
        R"({"tensors":{"a":{"dtype":"I8","shape":[8],"offset":0,"bytes":8}}})", data);
    QVERIFY2(contains(error_of(padded), "padding byte at data offset 100"), error_of(padded).c_str());
    const std::string bad_json = fmt::assemble_bvit("{\"tensors\":{},}", "");
    QVERIFY2(contains(error_of(bad_json), "not valid JSON") && contains(error_of(bad_json), "file offset"),
             error_of(bad_json).c_str());
  }

  void writerRefusesDuplicatesAndMismatchedSizes() {
    fmt::BvitWriter w;
    w.add_f32("x", {2}, {1.0f, 2.0f});
    QVERIFY_THROWS_EXCEPTION(fmt::BvitError, w.add_f32("x", {2}, {1.0f, 2.0f}));
    QVERIFY_THROWS_EXCEPTION(fmt::BvitError, w.add_f32("y", {3}, {1.0f, 2.0f}));
  }
};

BINVIT_REGISTER_TEST(TestBvitReader);
#include "test_bvit_reader.moc"
