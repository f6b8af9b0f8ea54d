#include <torch/torch.h>

#include "core/nn/models/model_registry.h"
#include "core/train/classification_metrics.h"
#include "core/train/losses.h"
#include "core/train/lr_schedule.h"
#include "core/train/optimizer_setup.h"
#include "core/train/train_config.h"
#include "tests/support/tensor_checks.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace binvit;

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// -log softmax(row)[k], by hand.
double cross_entropy(std::vector<double> row, int k) {
  double sum = 0;
  for (double v : row) sum += std::exp(v);
  return -(row[k] - std::log(sum));
}

}  // namespace

class TestTrainingPieces : public QObject {
  Q_OBJECT

 private slots:
  void hardDistillationLossMatchesHandComputedValues() {
    const auto cls = torch::tensor({{2.0, 0.0, -1.0}, {0.5, 0.5, 0.0}}, torch::kDouble);
    const auto dist = torch::tensor({{0.0, 1.0, 0.0}, {1.0, -1.0, 2.0}}, torch::kDouble);
    const auto labels = torch::tensor({0, 1}, torch::kInt64);
    // The teacher predicts class 1 for the first image and 2 for the second.
    const auto teacher = torch::tensor({{0.1, 3.0, 0.2}, {0.0, 0.0, 5.0}}, torch::kDouble);
    const double ce = (cross_entropy({2, 0, -1}, 0) + cross_entropy({0.5, 0.5, 0}, 1)) / 2;
    const double distill = (cross_entropy({0, 1, 0}, 1) + cross_entropy({1, -1, 2}, 2)) / 2;
    const auto parts = train::hard_distillation_loss(cls, dist, labels, teacher, 0.5);
    QVERIFY(std::abs(parts.ce.item<double>() - ce) < 1e-12);
    QVERIFY(std::abs(parts.distill.item<double>() - distill) < 1e-12);
    QVERIFY(std::abs(parts.total.item<double>() - (0.5 * ce + 0.5 * distill)) < 1e-12);
    const auto weighted = train::hard_distillation_loss(cls, dist, labels, teacher, 0.2);
    QVERIFY(std::abs(weighted.total.item<double>() - (0.8 * ce + 0.2 * distill)) < 1e-12);
    // Without a teacher both heads learn the labels.
    const auto alone = train::hard_distillation_loss(cls, dist, labels, {}, 0.5);
    const double dist_on_labels = (cross_entropy({0, 1, 0}, 0) + cross_entropy({1, -1, 2}, 1)) / 2;
    QVERIFY(std::abs(alone.total.item<double>() - 0.5 * (ce + dist_on_labels)) < 1e-12);
  }

  void bhvitLossMatchesHandComputedValues() {
    const auto student = torch::tensor({{1.0, 0.0}}, torch::kDouble);
    const auto teacher = torch::tensor({{0.0, 1.0}}, torch::kDouble);
    const auto labels = torch::tensor({0}, torch::kInt64);
    const auto regularizer = torch::tensor(0.3, torch::kDouble);
    const double e = std::exp(1.0);
    const double ps0 = e / (e + 1), ps1 = 1 / (e + 1);  // student probabilities
    const double pt0 = 1 / (e + 1), pt1 = e / (e + 1);  // teacher probabilities
    const double kl = pt0 * std::log(pt0 / ps0) + pt1 * std::log(pt1 / ps1);
    const double ce = -std::log(ps0);
    train::BhvitLossWeights w;
    w.lambda = 0.4;
    w.beta = 0.1;
    auto parts = train::bhvit_loss(student, labels, teacher, regularizer, w);
    QVERIFY(std::abs(parts.distill.item<double>() - kl) < 1e-12);
    QVERIFY(std::abs(parts.total.item<double>() - (0.5 * ce + 0.4 * kl + 0.1 * 0.3)) < 1e-12);
    w.temperature = 2.0;  // T^2 KL of the softened distributions
    const double s0 = std::exp(0.5) / (std::exp(0.5) + 1), t0 = 1 / (std::exp(0.5) + 1);
    const double kl2 = 4 * (t0 * std::log(t0 / s0) + (1 - t0) * std::log((1 - t0) / (1 - s0)));
    parts = train::bhvit_loss(student, labels, teacher, regularizer, w);
    QVERIFY(std::abs(parts.distill.item<double>() - kl2) < 1e-12);
    w.temperature = 1.0;
    w.soft = false;  // hard: CE with the teacher's argmax (class 1)
    parts = train::bhvit_loss(student, labels, teacher, regularizer, w);
    QVERIFY(std::abs(parts.distill.item<double>() - (-std::log(ps1))) < 1e-12);
    w.soft = true;
    w.released = true;  // no CE: (1 - beta) KD + beta L_re
    parts = train::bhvit_loss(student, labels, teacher, regularizer, w);
    QVERIFY(std::abs(parts.total.item<double>() - (0.9 * kl + 0.1 * 0.3)) < 1e-12);
  }

  void cosineScheduleWarmsUpThenDecaysToTheMinimum() {
    train::CosineSchedule s{1e-3, 1e-6, 10, 110};
    QVERIFY(std::abs(s.at(0) - 1e-4) < 1e-15);  // first warmup step: base / warmup
    QVERIFY(std::abs(s.at(9) - 1e-3) < 1e-15);
    QVERIFY(std::abs(s.at(10) - 1e-3) < 1e-15);  // the cosine starts at the base rate
    QVERIFY(std::abs(s.at(60) - (1e-6 + 0.5 * (1e-3 - 1e-6))) < 1e-15);  // half way
    QVERIFY(std::abs(s.at(110) - 1e-6) < 1e-15);
    QVERIFY(std::abs(s.at(500) - 1e-6) < 1e-15);
    for (int64_t step = 11; step < 110; ++step) QVERIFY(s.at(step) <= s.at(step - 1));
  }

  void noDecayGroupsHoldBiasesNormsScalesTokensAndPositions() {
    const auto model =
        nn::build_model(nn::apply_overrides(nn::preset_config("gsb-deit-mini"), {"depth=1"}));
    const train::ParameterGroups groups = train::split_parameter_groups(*model);
    for (const auto& name : groups.no_decay) {
      const auto tensor = model->named_parameters()[name];
      const bool token =
          name.find("token") != std::string::npos || name.find("pos_embed") != std::string::npos;
      QVERIFY2(tensor.dim() <= 1 || token, name.c_str());
    }
    for (const auto& name : groups.decay)
      QVERIFY2(model->named_parameters()[name].dim() >= 2, name.c_str());
    QVERIFY(contains(groups.no_decay, "cls_token"));
    QVERIFY(contains(groups.no_decay, "pos_embed"));
    QVERIFY(std::any_of(groups.decay.begin(), groups.decay.end(), [](const std::string& n) {
      return n.find("qkv") != std::string::npos && n.find("weight") != std::string::npos;
    }));
    QVERIFY(std::any_of(groups.no_decay.begin(), groups.no_decay.end(),
                        [](const std::string& n) { return n.find("norm") != std::string::npos; }));
    QCOMPARE(groups.decay.size() + groups.no_decay.size(), model->parameters().size());
    // The optimizer gets the same split.
    auto optimizer = train::make_adamw(*model, 1e-3, 0.05);
    QCOMPARE(optimizer->param_groups().size(), size_t{2});
    QCOMPARE(optimizer->param_groups()[0].params().size(), groups.decay.size());
    const auto& no_decay_options =
        static_cast<const torch::optim::AdamWOptions&>(optimizer->param_groups()[1].options());
    QCOMPARE(no_decay_options.weight_decay(), 0.0);
  }

  void metricsCountTopOneTopFiveAndTheConfusionMatrix() {
    train::ClassificationMetrics m(6);
    const auto logits = torch::tensor({{9.0, 8.0, 7.0, 6.0, 5.0, 0.0},    // true 0: top-1 hit
                                       {9.0, 8.0, 7.0, 6.0, 5.0, 0.0},    // true 4: top-5 hit
                                       {9.0, 8.0, 7.0, 6.0, 5.0, 0.0}});  // true 5: miss
    m.add(logits, torch::tensor({0, 4, 5}));
    QCOMPARE(m.count(), int64_t{3});
    QVERIFY(std::abs(m.top1() - 1.0 / 3) < 1e-12);
    QVERIFY(std::abs(m.top5() - 2.0 / 3) < 1e-12);
    QCOMPARE(m.confusion()[4][0], int64_t{1});
    QCOMPARE(m.per_class_accuracy()[0], 1.0);
    QCOMPARE(m.per_class_accuracy()[5], 0.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.add(logits, torch::tensor({0, 1, 6})));
  }

  void trainConfigRoundTripsAndNamesBadFields() {
    const train::TrainConfig demo = train::demo_train_config();
    const auto json = train::to_json(demo);
    QVERIFY(train::to_json(train::train_config_from_json(json)) == json);
    const auto changed = train::with_overrides(demo, {"stages.stage2.epochs=7", "seed=3"});
    QCOMPARE(changed.stage2.epochs, int64_t{7});
    QCOMPARE(changed.seed, uint64_t{3});
    // `model=PRESET` resolves to the preset's config, which later `model.*` overrides reach into.
    const auto preset = train::with_overrides(
        demo, {"model=gsb-deit-mini", "model.image_size=28", "model.in_channels=1",
               "model.num_classes=10", "model.depth=2"});
    QCOMPARE(preset.model.at("depth").get<int64_t>(), int64_t{2});
    QCOMPARE(preset.model.at("embed_dim"), nn::preset_config("gsb-deit-mini").at("embed_dim"));
    auto message_of = [&](const std::vector<std::string>& overrides) {
      try {
        train::with_overrides(demo, overrides);
      } catch (const std::invalid_argument& error) {
        return std::string(error.what());
      }
      return std::string();
    };
    QVERIFY(message_of({"stages.stage2.epochz=1"}).find("stages.stage2.epochz") !=
            std::string::npos);
    QVERIFY(message_of({"stages.stage1.epochs=0"}).find("stages.stage1.epochs") !=
            std::string::npos);
    QVERIFY(message_of({"data.image_size=32"}).find("data.image_size") != std::string::npos);
    QVERIFY(message_of({"model.embed_dim=130"}).find("model") != std::string::npos);
    QVERIFY(message_of({"recipe=magic"}).find("recipe") != std::string::npos);
    QVERIFY(message_of({"data.augment=lots"}).find("augment") != std::string::npos);
    nlohmann::json unknown = json;
    unknown["learning_rate"] = 1;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, train::train_config_from_json(unknown));
  }
};

BINVIT_REGISTER_TEST(TestTrainingPieces);
#include "test_training_pieces.moc"
