@testable import CommuneETL

/// A record copied out of the reader's callback: its spreadsheet line and its fields' exact bytes.
struct ReadRecord: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [[UInt8]]

    init(_ line: Int, _ fields: [String]) {
        self.line = line
        self.fields = fields.map { Array($0.utf8) }
    }

    init(_ record: CSVRecord) {
        line = record.line
        fields = (0..<record.fieldCount).map { Array(record.field($0)) }
    }

    var description: String {
        "\(line):" + fields.map { String(decoding: $0, as: UTF8.self).debugDescription }.joined(separator: "|")
    }
}
