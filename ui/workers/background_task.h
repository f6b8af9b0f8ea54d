#pragma once
// Runs a piece of core work on Qt's thread pool and hands the result (or the exception's message)
// back on the GUI thread. The GUI thread never waits: a page starts the task and reacts in the
// callbacks. `work` must capture by value (it may outlive the page); the callbacks run only while
// `context` is alive.

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <functional>
#include <optional>
#include <utility>

namespace binvit::ui {

template <typename Result>
struct TaskOutcome {
  std::optional<Result> value;
  QString error;  // set when the work threw
};

template <typename Result>
void run_in_background(QObject* context, std::function<Result()> work,
                       std::function<void(const Result&)> done,
                       std::function<void(const QString&)> failed) {
  auto* watcher = new QFutureWatcher<TaskOutcome<Result>>(context);
  QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                   [watcher, done = std::move(done), failed = std::move(failed)] {
                     const TaskOutcome<Result> outcome = watcher->result();
                     watcher->deleteLater();
                     if (outcome.value) {
                       done(*outcome.value);
                     } else {
                       failed(outcome.error);
                     }
                   });
  watcher->setFuture(QtConcurrent::run([work = std::move(work)] {
    TaskOutcome<Result> outcome;
    try {
      outcome.value = work();
    } catch (const std::exception& error) {
      outcome.error = QString::fromStdString(error.what());
    } catch (...) {
      outcome.error = QStringLiteral("unknown error");
    }
    return outcome;
  }));
}

}  // namespace binvit::ui
