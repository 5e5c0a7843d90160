"""Writes a hand-made XLSX from a JSON spec on stdin, the way other writers lay one out.

spec: {"path": str, "sheets": [{"name": str, "hidden": bool, "rows": [[cell, ...], ...]}],
       "shared": bool (text cells in a shared-string table, as Excel and LibreOffice write),
       "doctype": bool (an entity declaration in the sheet), "first_row": int (r of the first row),
       "bomb_bytes": int (a sheet of that many bytes of one repeated row, deflated),
       "prefix": str (a namespace prefix on every sheet tag, as strict writers use)}
"""
import json
import sys
import zipfile
from xml.sax.saxutils import escape

spec = json.load(sys.stdin)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
shared = []
index = {}


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(ref, value, p):
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<{p}c r="{ref}"><{p}v>{value}</{p}v></{p}c>'
    if spec.get("shared"):
        if value not in index:
            index[value] = len(shared)
            shared.append(value)
        return f'<{p}c r="{ref}" t="s"><{p}v>{index[value]}</{p}v></{p}c>'
    return f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t>{escape(value)}</{p}t></{p}is></{p}c>'


def sheet_xml(rows):
    p = spec.get("prefix", "")
    ns = f'xmlns:{p[:-1]}="{MAIN}"' if p else f'xmlns="{MAIN}"'
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    if spec.get("doctype"):
        head += '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
    first = spec.get("first_row", 1)
    body = "".join(
        f'<{p}row r="{first + r}">' + "".join(cell(f"{col(c)}{first + r}", v, p) for c, v in enumerate(row)) + f"</{p}row>"
        for r, row in enumerate(rows)
    )
    return f"{head}<{p}worksheet {ns}><{p}sheetData>{body}</{p}sheetData></{p}worksheet>"


with zipfile.ZipFile(spec["path"], "w", zipfile.ZIP_DEFLATED) as z:
    sheets = spec["sheets"]
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
    overrides += "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="{ct}.worksheet+xml"/>' for i in range(len(sheets)))
    if spec.get("shared"):
        overrides += f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
    z.writestr("[Content_Types].xml", f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')
    z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    hidden = ' state="hidden"'
    entries = "".join(
        f'<sheet name="{s["name"]}" sheetId="{i + 1}" r:id="rId{i + 1}"{hidden if s.get("hidden") else ""}/>' for i, s in enumerate(sheets)
    )
    z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{entries}</sheets></workbook>')
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
    rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
    for i, s in enumerate(sheets):
        if spec.get("bomb_bytes") and i == 0:
            row = '<row><c t="inlineStr"><is><t>s3://b/k</t></is></c></row>'
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
                f.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
                block = (row * 10000).encode()
                for _ in range(spec["bomb_bytes"] // len(block)):
                    f.write(block)
                f.write(b"</sheetData></worksheet>")
        else:
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", sheet_xml(s["rows"]))
    if spec.get("shared"):
        items = "".join(f"<si><t>{escape(v)}</t></si>" for v in shared)
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(shared)}" uniqueCount="{len(shared)}">{items}</sst>')
