#include <torch/torch.h>

#include "core/nn/io/safetensors.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>

#include <fstream>

using namespace binvit::nn;

namespace {

std::string le64(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

// A file built by hand from the format description, as PyTorch's safetensors would write it.
std::string hand_made(const std::string& header, const std::string& data) {
  return le64(header.size()) + header + data;
}

std::string float_bytes(std::initializer_list<float> values) {
  std::string out;
  for (float v : values) out.append(reinterpret_cast<const char*>(&v), sizeof v);
  return out;
}

QString error_of(const std::string& bytes) {
  try {
    parse_safetensors(bytes, "weights.safetensors");
  } catch (const SafetensorsError& error) {
    return QString::fromUtf8(error.what());
  }
  return {};
}

}  // namespace

class TestSafetensors : public QObject {
  Q_OBJECT

 private slots:
  void roundTripKeepsEveryDtypeShapeAndValue() {
    QTemporaryDir dir;
    const auto path = dir.filePath("all.safetensors").toStdString();
    SafetensorsContent content;
    content.metadata = {{"binvit.config", "{\"family\":\"deit\"}"}, {"format", "pt"}};
    content.tensors = {
        {"f32", torch::randn({3, 5})},
        {"f64", torch::randn({2}, torch::kDouble)},
        {"f16", torch::randn({4}).to(torch::kHalf)},
        {"bf16", torch::randn({4}).to(torch::kBFloat16)},
        {"i64", torch::arange(6).reshape({2, 3})},
        {"i8", torch::tensor({-128, 0, 127}, torch::kInt8)},
        {"u8", torch::tensor({0, 255}, torch::kUInt8)},
        {"bool", torch::tensor({true, false})},
        {"scalar", torch::tensor(3.5f)},
        {"empty", torch::zeros({0, 4})},
        {"strided", torch::randn({4, 6}).t()},
    };
    write_safetensors(path, content);
    const SafetensorsContent loaded = read_safetensors(path);
    QCOMPARE(loaded.metadata, content.metadata);
    QCOMPARE(loaded.tensors.size(), content.tensors.size());
    for (const auto& [name, tensor] : content.tensors) {
      const torch::Tensor* found = loaded.find(name);
      QVERIFY2(found != nullptr, name.c_str());
      QCOMPARE(found->scalar_type(), tensor.scalar_type());
      QVERIFY2(torch::equal(*found, tensor), name.c_str());
    }
  }

  void readsAHandMadeFile() {
    const std::string header =
        R"({"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]},)"
        R"("a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"__metadata__":{"k":"v"}})";
    const auto content = parse_safetensors(hand_made(header, float_bytes({1.5f, 2.0f, -3.0f})), "x");
    BINVIT_COMPARE_EXACT(*content.find("a"), torch::tensor(1.5f));
    BINVIT_COMPARE_EXACT(*content.find("b"), torch::tensor({2.0f, -3.0f}));
    QCOMPARE(content.metadata.at("k"), std::string("v"));
  }

  void writesTheDocumentedLayout() {
    QTemporaryDir dir;
    const auto path = dir.filePath("one.safetensors").toStdString();
    write_safetensors(path, {{{"w", torch::tensor({1.0f, 2.0f})}}, {}});
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(bytes[i]);
    QCOMPARE(n % 8, uint64_t{0});  // data 8-byte aligned
    QCOMPARE(bytes.size(), size_t(8 + n + 8));
    QCOMPARE(bytes.substr(8 + n), float_bytes({1.0f, 2.0f}));
  }

  void badFilesNameTheFileAndTheProblem_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    const std::string one = R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})";
    const auto add = [](const char* row, const std::string& bytes, const char* expected) {
      QTest::newRow(row) << QByteArray::fromStdString(bytes) << expected;
    };
    add("too_short", "abc", "too short");
    add("header_past_end", le64(1000) + "{}", "header length 1000");
    add("not_json", hand_made("{\"w\":", ""), "not valid JSON");
    add("unknown_dtype",
        hand_made(R"({"w":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}})", std::string(16, 'x')),
        "tensor 'w': unsupported dtype");
    add("wrong_size",
        hand_made(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}})", float_bytes({1})),
        "tensor 'w': data_offsets [0, 4] hold 4 bytes");
    add("truncated", hand_made(one, "ab"), "past the end of the data");
    add("gap",
        hand_made(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", float_bytes({1, 2})),
        "(gap)");
    add("overlap",
        hand_made(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                  R"("b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                  float_bytes({1, 2})),
        "(overlap)");
    add("trailing_bytes", hand_made(one, float_bytes({1, 2})), "cover 4");
    add("negative_shape",
        hand_made(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", float_bytes({1})),
        "shape entries must be >= 0");
    add("entry_not_object", hand_made(R"({"w":3})", ""), "not an object");
  }

  void badFilesNameTheFileAndTheProblem() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString message = error_of(bytes.toStdString());
    QVERIFY2(message.startsWith("weights.safetensors: ") && message.contains(expected),
             qPrintable("message: " + message));
  }

  void missingFileIsAClearError() {
    QVERIFY_THROWS_EXCEPTION(SafetensorsError, read_safetensors("/nonexistent/w.safetensors"));
  }
};

BINVIT_REGISTER_TEST(TestSafetensors);
#include "test_safetensors.moc"
