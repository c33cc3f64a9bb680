select path, sha256, bytes, mtime, status from files
