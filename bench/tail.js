/** Keeps the last `limit` bytes of a child's output stream (for error messages of long runs). */
export function tail(limit = 1 << 20) {
  const chunks = [];
  let size = 0;
  return {
    push(buf) {
      chunks.push(buf);
      size += buf.length;
      while (size > limit && chunks.length > 1) size -= chunks.shift().length;
    },
    text() {
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
