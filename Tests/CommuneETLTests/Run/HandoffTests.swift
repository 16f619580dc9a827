import Foundation
import Testing
@testable import CommuneETL

/// A handoff delivers every element once, in order, in batches of at most its size, and ends its consumer
/// when closed, also when the producer stops early.
struct HandoffTests {
    @Test func everyElementArrivesOnceInOrder() throws {
        let handoff = Handoff<Int>(batchSize: 7, maxBatches: 2)
        let consumer = BackgroundJob("test-consumer") { [handoff] in
            var received: [Int] = [], largest = 0
            while let batch = handoff.next() {
                received += batch
                largest = max(largest, batch.count)
            }
            return (received, largest)
        }
        for element in 0..<10_000 { handoff.put(element) }
        handoff.close()
        let (received, largest) = try consumer.join()
        #expect(received == Array(0..<10_000))
        #expect(largest == 7)
    }

    @Test func closingTwiceOrWithNothingSentEndsTheConsumer() throws {
        let handoff = Handoff<String>()
        let consumer = BackgroundJob("test-consumer") { [handoff] in
            var batches = 0
            while handoff.next() != nil { batches += 1 }
            return batches
        }
        handoff.put("one")
        handoff.close()
        handoff.close()
        #expect(try consumer.join() == 1)
        #expect(handoff.next() == nil)
    }
}
