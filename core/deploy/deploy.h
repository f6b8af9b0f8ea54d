#pragma once
// The deploy workflows for the GUI's "Export & Benchmark" page and the CLI: export a trained
// model, verify the packed engine against LibTorch, benchmark it. Link the CMake target
// `binvit_deploy` (binvit_inspect links it, so the ui gets it through binvit_inspect).
//
// Every header here is torch-free (standard library and nlohmann/json), so Qt code may include
// it. The functions are blocking and run on the calling thread: call them from a worker thread;
// progress callbacks arrive on that thread. They change process-wide thread settings only in
// benchmark_model, which restores them.

#include "core/deploy/benchmark_model.h"
#include "core/deploy/deploy_common.h"
#include "core/deploy/export_model.h"
#include "core/deploy/run_checkpoint.h"
#include "core/deploy/verify_model.h"
