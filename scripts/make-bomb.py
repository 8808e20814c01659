"""Writes one hostile delivery object for scripts/bench-bombs.sh (issue 17) under ROOT, in Akamai's key layout.

    make-bomb.py valid ROOT [N]       N valid CloudEvents records (default 2,000,000; ~7 MB gzip, ~0.9 GB decompressed)
    make-bomb.py malformed ROOT [N]   N one-byte malformed lines (default 20,000,000; ~38 KB gzip)
"""
import gzip, sys, os
kind, root = sys.argv[1], sys.argv[2]
d = os.path.join(root, "audit_logs/com.akamai.audit/46D08682-4097-E4A3-95CFFF46699C73C4/2026/03/01")
os.makedirs(d, exist_ok=True)
p = os.path.join(d, "akamai_log-615346-1772366416-704251-config.gz")
with gzip.open(p, "wb", compresslevel=9) as f:
    if kind == "valid":
        n = int(sys.argv[3]) if len(sys.argv) > 3 else 2_000_000
        tmpl = '{"specversion":"1.0","id":"%032d","source":"/service/object-storage","type":"com.akamai.audit.config","time":"2026-03-01T11:47:19.093Z","datacontenttype":"application/json","data":{"eventcode":"delete-object-storage-key","user":{"username":"alice","email":"alice@example.com"},"ip":"203.0.113.241","useragent":"Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0","status":"success","entity":{"id":20428310,"type":"object-storage","label":"object-storage-5"}}}\n'
        buf = []
        for i in range(n):
            buf.append(tmpl % i)
            if len(buf) == 10000:
                f.write("".join(buf).encode()); buf = []
        f.write("".join(buf).encode())
    else:
        n = int(sys.argv[3]) if len(sys.argv) > 3 else 20_000_000
        chunk = b"x\n" * 1_000_000
        for i in range(n // 1_000_000):
            f.write(chunk)
print(p, os.path.getsize(p))
