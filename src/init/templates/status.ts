// HTTP status helpers shared by the error classes and toProblem().

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a Teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

// Codes that read better than the upper-cased status phrase.
const CODES: Readonly<Record<number, string>> = {
  401: 'UNAUTHENTICATED',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  502: 'UPSTREAM_ERROR',
  504: 'UPSTREAM_TIMEOUT',
};

/** True for an integer error status (400-599). */
export function isErrorStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599;
}

/** The status itself when it is an error status (400-599), else 500. */
export function normalizeStatus(value: unknown): number {
  return isErrorStatus(value) ? value : 500;
}

/** The HTTP reason phrase: the problem `title` (RFC 9457 with `type: about:blank`). */
export function statusTitle(status: number): string {
  return TITLES[status] ?? (status < 500 ? 'Client Error' : 'Server Error');
}

/** The stable machine code for a status, e.g. 404 -> NOT_FOUND. */
export function codeForStatus(status: number): string {
  const known = CODES[status];
  if (known !== undefined) return known;
  if (TITLES[status] === undefined) return status < 500 ? 'CLIENT_ERROR' : 'SERVER_ERROR';
  return statusTitle(status)
    .replace(/'/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}
