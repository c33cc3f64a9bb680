select path, sha256, bytes, mtime, status, reader_version from files
