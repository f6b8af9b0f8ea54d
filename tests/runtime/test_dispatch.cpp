// The run-time choice of variants, the forced reference path, and the thread pool.
#include "core/runtime/cpu_features.h"
#include "core/runtime/kernels/parallel.h"
#include "core/runtime/kernels/registry.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <atomic>
#include <cstring>
#include <vector>

namespace rk = binvit::runtime::kernels;

class TestDispatch : public QObject {
  Q_OBJECT

 private slots:
  void avx2TableFollowsCpuFeatures() {
    const auto& f = binvit::runtime::cpu_features();
    const bool capable = f.avx2 && f.fma && f.bmi2 && f.popcnt;
#if defined(__x86_64__)
    QCOMPARE(rk::avx2_kernels() != nullptr, capable);
#endif
    QCOMPARE(std::strcmp(rk::kernel_tables().front()->name, "ref"), 0);
    if (!capable) QSKIP("this CPU lacks AVX2/FMA/BMI2/POPCNT: only the reference table exists");
    QCOMPARE(std::strcmp(rk::avx2_kernels()->name, "avx2"), 0);
  }

  void everyTableIsComplete() {
    for (const rk::KernelTable* t : rk::kernel_tables()) {
      QVERIFY(t->pack_rows && t->bgemm && t->bmm01 && t->tgemm && t->qk_d64 && t->igemm &&
              t->attention_values && t->binary_conv && t->scale_bias && t->scale_accumulate);
      QVERIFY(t->tile_rows >= 1 && t->tile_columns >= 1);
    }
  }

  void forcingTheReferencePathWins() {
    const bool was_forced = rk::reference_forced();
    rk::set_force_reference(true);
    QVERIFY(rk::reference_forced());
    QCOMPARE(&rk::active_kernels(), &rk::reference_kernels());
    rk::set_force_reference(false);
    QVERIFY(!rk::reference_forced());
    const rk::KernelTable* best = rk::avx2_kernels();
    QCOMPARE(&rk::active_kernels(), best ? best : &rk::reference_kernels());
    rk::set_force_reference(was_forced);
  }

  void parallelForCoversTheRangeInWholeTiles() {
    for (int threads : {1, 2, 3}) {
      rk::set_num_threads(threads);
      QCOMPARE(rk::num_threads(), threads);
      for (std::size_t count :
           {std::size_t{1}, std::size_t{3}, std::size_t{4}, std::size_t{197}, std::size_t{1152}}) {
        std::vector<std::atomic<int>> hits(count);
        std::atomic<int> misaligned{0};
        rk::parallel_for(count, 4, [&](std::size_t begin, std::size_t end) {
          if (begin % 4 != 0) ++misaligned;
          for (std::size_t e = begin; e < end; ++e) ++hits[e];
        });
        QCOMPARE(misaligned.load(), 0);
        for (std::size_t e = 0; e < count; ++e) QCOMPARE(hits[e].load(), 1);
      }
    }
    rk::set_num_threads(1);
  }

  void poolRunsManyShortJobs() {
    rk::set_num_threads(2);
    std::atomic<long> total{0};
    for (int round = 0; round < 2000; ++round) {
      rk::parallel_for(2, 1, [&](std::size_t begin, std::size_t end) {
        total += static_cast<long>(end - begin);
      });
    }
    rk::set_num_threads(1);
    QCOMPARE(total.load(), 4000L);
  }
};

BINVIT_REGISTER_TEST(TestDispatch);
#include "test_dispatch.moc"
