"""Reads a zip with Python's zipfile, an independent implementation, and prints JSON:
whether every CRC checks, and each entry's name, flags, size and SHA-256. With
--directory, only the central directory is read: no data, no CRC, no SHA-256."""
import hashlib
import json
import struct
import sys
import zipfile



def has_zip64_extra(extra):
    """True when the central directory extra field holds a zip64 block (id 0x0001)."""
    i = 0
    while i + 4 <= len(extra):
        header_id, length = struct.unpack("<HH", extra[i:i + 4])
        if header_id == 0x0001:
            return True
        i += 4 + length
    return False


directory_only = "--directory" in sys.argv[1:]
path = [arg for arg in sys.argv[1:] if arg != "--directory"][0]
with zipfile.ZipFile(path) as archive:
    # Reading a member to its end checks its CRC-32 (BadZipFile otherwise): one pass
    # does what testzip() and hashing would do in two.
    bad = None
    entries = []
    for info in archive.infolist():
        digest = None if directory_only else hashlib.sha256()
        if digest is not None:
            try:
                with archive.open(info) as member:
                    for block in iter(lambda: member.read(1 << 20), b""):
                        digest.update(block)
            except zipfile.BadZipFile:
                bad = bad or info.filename
        entries.append({
            "name": info.filename,
            "utf8": bool(info.flag_bits & 0x800),
            "size": info.file_size,
            "method": info.compress_type,
            "compressed": info.compress_size,
            "sha256": digest.hexdigest() if digest else None,
            "zip64_extra": has_zip64_extra(info.extra),
        })
with open(path, "rb") as raw:
    raw.seek(0, 2)
    end = raw.tell()
    raw.seek(max(0, end - 98))
    tail = raw.read()
print(json.dumps({"bad": bad, "entries": entries, "zip64_end": b"PK\x06\x06" in tail}))
