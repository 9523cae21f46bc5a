/** A position in a source file. Lines and columns are 1-based; columns count UTF-16 units. */
export interface Location {
  file: string;
  line: number;
  col: number;
  /** 0-based offset of the first character in the source text. */
  offset: number;
  /** 0-based offset just past the last character, when known. */
  end?: number;
}

export function formatLocation(location: Location): string {
  return `${location.file}:${location.line}:${location.col}`;
}
