#include <torch/torch.h>

#include "core/data/readers/chaoyang_dataset.h"
#include "core/data/readers/flowers102_dataset.h"
#include "tests/data/fixtures.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <matio.h>
#include <nlohmann/json.hpp>

using namespace binvit::data;
using namespace binvit::test;

namespace {

// Writes 1 x n double row vectors into a MATLAB v5 file, as the official files store them.
void write_mat(const fs::path& file, const std::vector<std::pair<std::string, std::vector<double>>>& vars) {
  mat_t* mat = Mat_CreateVer(file.string().c_str(), nullptr, MAT_FT_MAT5);
  QVERIFY(mat != nullptr);
  for (const auto& [name, values] : vars) {
    size_t dims[2] = {1, values.size()};
    matvar_t* var = Mat_VarCreate(name.c_str(), MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims,
                                  const_cast<double*>(values.data()), 0);
    Mat_VarWrite(mat, var, MAT_COMPRESSION_NONE);
    Mat_VarFree(var);
  }
  Mat_Close(mat);
}

// Six flowers of three classes; train {1, 4}, val {2, 5}, test {3, 6}.
fs::path write_flowers(const fs::path& root) {
  for (int id = 1; id <= 6; ++id) {
    char name[32];
    std::snprintf(name, sizeof name, "image_%05d.jpg", id);
    write_image(root / "jpg" / name, pattern_image(8, 6, id));
  }
  write_mat(root / "imagelabels.mat", {{"labels", {1, 1, 2, 3, 3, 102}}});
  write_mat(root / "setid.mat", {{"trnid", {1, 4}}, {"valid", {2, 5}}, {"tstid", {3, 6}}});
  return root;
}

}  // namespace

class TestFlowersChaoyang : public QObject {
  Q_OBJECT

 private slots:
  void flowersOfficialSplits() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    fs::create_directories(root / "jpg");
    write_flowers(root);
    const auto train = read_flowers102(root, Split::kTrain);
    QCOMPARE(train->size(), size_t{2});
    QCOMPARE(train->num_classes(), size_t{102});
    QCOMPARE(train->label(0), int64_t{0});
    QCOMPARE(train->label(1), int64_t{2});
    QVERIFY(contains(train->source(1), "jpg/image_00004.jpg"));
    QCOMPARE(train->get(1).image.cols, 8);
    QCOMPARE(read_flowers102(root, Split::kVal)->label(1), int64_t{2});
    const auto test = read_flowers102(root, Split::kTest);
    QCOMPARE(test->label(1), int64_t{101});
    QCOMPARE(test->class_names()[101], std::string("102"));
    const auto trainval = read_flowers102(root, Split::kTrainVal);
    QCOMPARE(trainval->size(), size_t{4});
    QVERIFY(contains(trainval->source(2), "image_00002.jpg"));
  }

  void flowersMissingVariableAndImage() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    fs::create_directories(root / "jpg");
    write_flowers(root);
    write_mat(root / "setid.mat", {{"trnid", {1}}, {"tstid", {3}}});
    std::string message = data_error_of([&] { read_flowers102(root, Split::kVal); });
    QVERIFY2(contains(message, "setid.mat") && contains(message, "no variable 'valid'"), message.c_str());

    fs::remove(root / "jpg" / "image_00003.jpg");
    message = data_error_of([&] { read_flowers102(root, Split::kTest); });
    QVERIFY2(contains(message, "missing image") && contains(message, "image_00003.jpg"), message.c_str());
    QCOMPARE(read_flowers102(root, Split::kTest, ReadOptions{true})->skipped(), size_t{1});

    write_text(root / "imagelabels.mat", "not a mat file");
    message = data_error_of([&] { read_flowers102(root, Split::kTrain); });
    QVERIFY2(contains(message, "imagelabels.mat"), message.c_str());
  }

  void chaoyangLists() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_rgb_png(root / "train" / "a.png", pattern_image(4, 4, 1));
    write_rgb_png(root / "train" / "b.png", pattern_image(4, 4, 2));
    write_rgb_png(root / "test" / "c.png", pattern_image(4, 4, 3));
    write_text(root / "train.json",
               nlohmann::json::array({{{"name", "train/a.png"}, {"label", 3}},
                                      {{"name", "train/b.png"}, {"label", 1}}})
                   .dump());
    write_text(root / "test.json", nlohmann::json::array({{{"name", "test/c.png"}, {"label", 0}}}).dump());
    const auto train = read_chaoyang(root, Split::kTrain);
    QCOMPARE(train->size(), size_t{2});
    QCOMPARE(train->label(0), int64_t{3});
    QCOMPARE(train->class_names()[3], std::string("adenoma"));
    QCOMPARE(cv::norm(train->get(1).image, pattern_image(4, 4, 2), cv::NORM_INF), 0.0);
    QCOMPARE(read_chaoyang(root, Split::kTest)->size(), size_t{1});
  }

  void chaoyangBadEntries() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    write_text(root / "train.json", R"([{"name": "a.png", "label": 1}, {"name": "b.png"}])");
    std::string message = data_error_of([&] { read_chaoyang(root, Split::kTrain); });
    QVERIFY2(contains(message, "train.json") && contains(message, "entry 1") &&
                 contains(message, "'label'"),
             message.c_str());
    write_text(root / "train.json", R"([{"name": 5, "label": 1}])");
    message = data_error_of([&] { read_chaoyang(root, Split::kTrain); });
    QVERIFY2(contains(message, "entry 0") && contains(message, "'name'"), message.c_str());
    write_text(root / "train.json", R"({"name": "a.png")");
    message = data_error_of([&] { read_chaoyang(root, Split::kTrain); });
    QVERIFY2(contains(message, "train.json") && contains(message, "invalid JSON"), message.c_str());
    write_text(root / "train.json", R"([{"name": "a.png", "label": 7}])");
    message = data_error_of([&] { read_chaoyang(root, Split::kTrain); });
    QVERIFY2(contains(message, "label 7"), message.c_str());
  }
};

BINVIT_REGISTER_TEST(TestFlowersChaoyang);
#include "test_flowers_chaoyang.moc"
