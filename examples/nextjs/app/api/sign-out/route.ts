import { SESSION_COOKIE } from '@/auth';
import { seeHome } from '../seeHome';

export function POST() {
  const response = seeHome();
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
