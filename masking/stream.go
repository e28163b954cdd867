package masking

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// MaskLines copies r to w line by line, masking each line (without its
// "\n") with m. Lines may be of any length; line ends are kept as they
// were. It returns the number of lines written.
func MaskLines(w io.Writer, r io.Reader, m Masker) (int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	bw := bufio.NewWriterSize(w, 64<<10)
	lines := 0
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			body, end := line, []byte(nil)
			if bytes.HasSuffix(body, []byte("\n")) {
				body, end = body[:len(body)-1], []byte("\n")
			}
			if _, werr := bw.WriteString(m.Mask(string(body))); werr != nil {
				return lines, werr
			}
			if _, werr := bw.Write(end); werr != nil {
				return lines, werr
			}
			lines++
		}
		if errors.Is(err, io.EOF) {
			return lines, bw.Flush()
		}
		if err != nil {
			_ = bw.Flush()
			return lines, err
		}
	}
}
