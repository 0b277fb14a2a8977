#include "storage/import/read_ahead.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace dyad::storage {

namespace {

// Elements per hand-over and batches in flight: enough to keep both threads
// busy, little enough that the queue's memory does not matter.
constexpr size_t kBatch = 1024;
constexpr size_t kMaxQueued = 4;
// How many elements ahead of the consumer look_ahead runs: about as many
// cache misses as a core keeps in flight.
constexpr size_t kLookAhead = 8;

// The queue between the reader thread and the consumer.
class BatchQueue {
 public:
  // Reader side: waits for room; false when the consumer has stopped.
  bool Push(std::vector<Element>* batch) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return queued_.size() < kMaxQueued || stopped_; });
    if (stopped_) return false;
    queued_.push_back(std::move(*batch));
    batch->clear();
    ready_.notify_one();
    return true;
  }
  // Reader side: no more batches; status is how the reader ended.
  void Close(Status status) {
    std::lock_guard lock(mu_);
    closed_ = true;
    reader_status_ = std::move(status);
    ready_.notify_one();
  }
  // Consumer side: the next batch; false once the reader closed and every
  // batch was taken.
  bool Pop(std::vector<Element>* batch) {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return !queued_.empty() || closed_; });
    if (queued_.empty()) return false;
    *batch = std::move(queued_.front());
    queued_.pop_front();
    room_.notify_one();
    return true;
  }
  // Consumer side: stop the reader (it sees Push fail).
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    room_.notify_one();
  }
  // How the reader ended (after Pop returned false).
  Status reader_status() {
    std::lock_guard lock(mu_);
    return reader_status_;
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<std::vector<Element>> queued_;
  bool closed_ = false, stopped_ = false;
  Status reader_status_;
};

}  // namespace

Status ReadAhead(const ElementReader& read, const ElementSink& consume,
                 const std::function<void(const Element&)>& look_ahead) {
  BatchQueue queue;
  std::thread reader([&] {
    std::vector<Element> batch;
    batch.reserve(kBatch);
    bool stopped = false;
    Status s = read([&](Element&& e) -> Status {
      batch.push_back(std::move(e));
      if (batch.size() < kBatch) return Status::OK();
      if (queue.Push(&batch)) return Status::OK();
      stopped = true;
      return Status::Internal("read-ahead stopped by its consumer");
    });
    // The elements read before an error still go first: one of them may
    // fail in the consumer, and that error is the one to report.
    if (!stopped && !batch.empty() && !queue.Push(&batch)) stopped = true;
    queue.Close(stopped ? Status::OK() : std::move(s));
  });
  Status result;
  std::vector<Element> batch;
  while (result.ok() && queue.Pop(&batch)) {
    if (look_ahead)
      for (size_t i = 0; i < std::min(kLookAhead, batch.size()); ++i) look_ahead(batch[i]);
    for (size_t i = 0; i < batch.size(); ++i) {
      if (look_ahead && i + kLookAhead < batch.size()) look_ahead(batch[i + kLookAhead]);
      result = consume(std::move(batch[i]));
      if (!result.ok()) break;
    }
  }
  if (!result.ok()) queue.Stop();
  reader.join();
  return result.ok() ? queue.reader_status() : result;
}

}  // namespace dyad::storage
