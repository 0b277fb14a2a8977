// ReadAhead: parses an import file on a thread of its own while the calling
// thread stores what was parsed.
//
// A bulk load is a pipeline: parse text into elements, then resolve keys,
// encode records and add them to the sorted tables. Run on one thread, the
// two stages leave the second core mostly idle; handing elements over in
// batches through a short queue lets them overlap.
#pragma once

#include <functional>

#include "graph/status.h"
#include "storage/import/element.h"

namespace dyad::storage {

// A reader: produces elements into the sink it is given, in file order.
using ElementReader = std::function<Status(const ElementSink& sink)>;

// Runs read on a worker thread and passes every element it produces, in
// order, to consume on the calling thread. Returns the first error: the
// consumer's (the reader is then stopped and joined) or, once every element
// before it has been consumed, the reader's — the same status, for the same
// element, as running read(consume) on one thread.
// look_ahead, when given, sees each element a few elements before consume
// does (to prefetch what consuming it will read).
Status ReadAhead(const ElementReader& read, const ElementSink& consume,
                 const std::function<void(const Element&)>& look_ahead = nullptr);

}  // namespace dyad::storage
