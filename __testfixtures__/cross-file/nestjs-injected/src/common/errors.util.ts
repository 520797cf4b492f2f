/** Shared by every controller so that all error bodies look the same. */
export class ErrorUtil {
  static toBody(error: any) {
    return { statusCode: 500, message: error?.message ?? 'Unknown error', timestamp: new Date().toISOString() };
  }

  static safeBody(error: any) {
    return { statusCode: error?.status ?? 500, message: error?.expose ? error.message : 'Internal server error' };
  }
}
