package unpack

import (
	"bytes"
	"encoding/xml"
)

// wordText is the text of a WordprocessingML part (word/document.xml, headers, footers,
// footnotes, comments), one paragraph a line, or nil when it has no text run. Run
// boundaries (formatting, spell-check marks, revision ids) are gone, so a value typed as
// one word is one word again.
func wordText(data []byte) []byte {
	if !bytes.Contains(data, []byte("<w:t")) {
		return nil
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	var out []byte
	inText, inPara, any := false, false, false
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				if inPara {
					out = append(out, '\n')
				}
				inPara = true
			case "t":
				inText, any = true, true
			case "tab":
				out = append(out, '\t')
			case "br", "cr":
				out = append(out, ' ')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p":
				out = append(out, '\n')
				inPara = false
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				out = append(out, t...)
			}
		}
	}
	if !any {
		return nil
	}
	return out
}
