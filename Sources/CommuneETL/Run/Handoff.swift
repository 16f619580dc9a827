import Foundation

/// Passes elements from one thread to another, in order, in batches: one producer `put`s and `close`s, one
/// consumer takes batches with `next()` until it returns nil.
///
/// Why: the anomaly report's pass over the night's problems is the run's last stretch on one core; it hands
/// each record to a thread that sorts it into the staff lists (`AnomalyReport`). Batches keep the lock out
/// of the per-record cost; at most `maxBatches` wait, so memory stays flat whatever the number of problems
/// (the producer waits for the consumer instead).
final class Handoff<Element: Sendable>: @unchecked Sendable {
    /// Guards `batches` and `isClosed`.
    private let condition = NSCondition()
    private var batches: [[Element]] = []
    private var isClosed = false
    /// The producer's batch being filled (touched by the producer only).
    private var filling: [Element] = []
    private let batchSize: Int
    private let maxBatches: Int

    init(batchSize: Int = 256, maxBatches: Int = 8) {
        precondition(batchSize > 0 && maxBatches > 0)
        self.batchSize = batchSize
        self.maxBatches = maxBatches
        filling.reserveCapacity(batchSize)
    }

    /// Producer: adds an element; sends the batch when it is full, waiting while `maxBatches` wait already.
    func put(_ element: Element) {
        filling.append(element)
        if filling.count == batchSize { send() }
    }

    /// Producer: sends what is left and tells the consumer there is no more. Safe to call again (a `defer`
    /// closes a handoff that an error interrupted, so that its consumer ends).
    func close() {
        if !filling.isEmpty { send() }
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next batch, in the order they were sent; nil once the producer closed and every batch
    /// was taken.
    func next() -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !isClosed { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()  // a producer may be waiting for room
        return batches.removeFirst()
    }

    private func send() {
        let batch = filling
        filling = []
        filling.reserveCapacity(batchSize)
        condition.lock()
        while batches.count >= maxBatches && !isClosed { condition.wait() }
        batches.append(batch)
        condition.broadcast()
        condition.unlock()
    }
}
