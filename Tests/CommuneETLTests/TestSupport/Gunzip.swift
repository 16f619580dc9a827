import CZlib

/// Test helper shared by every suite that reads the gzip files the job writes.
struct InflateError: Error { let status: Int32 }

/// Inflates gzip data (windowBits 47: gzip or zlib header), member after member, as gzip readers do.
/// Throws on corrupt or truncated input.
func gunzip(_ compressed: [UInt8]) throws -> [UInt8] {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
    let initStatus = inflateInit2_(stream, 47, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard initStatus == Z_OK else { throw InflateError(status: initStatus) }

    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var input = compressed
    try input.withUnsafeMutableBufferPointer { source in
        stream.pointee.next_in = source.baseAddress
        stream.pointee.avail_in = UInt32(source.count)
        while true {
            let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = UInt32(out.count)
                let status = inflate(stream, Z_NO_FLUSH)
                result.append(contentsOf: out[0..<(out.count - Int(stream.pointee.avail_out))])
                return status
            }
            if status == Z_STREAM_END {
                if stream.pointee.avail_in == 0 { return }
                guard inflateReset(stream) == Z_OK else { throw InflateError(status: Z_STREAM_ERROR) }
            } else if status != Z_OK {
                throw InflateError(status: status)  // Z_BUF_ERROR here means truncated input.
            }
        }
    }
    return result
}
