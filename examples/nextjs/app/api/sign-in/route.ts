// The tiny sign-in of this example: everyone who signs in is the Basiq user BASIQ_USER_ID.
// Your app signs people in its own way and keeps their Basiq user id with their account.
import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE, sessionValue } from '@/auth';
import { seeHome } from '../seeHome';

export function POST(request: NextRequest) {
  const basiqUserId = process.env.BASIQ_USER_ID;
  if (!basiqUserId) {
    return NextResponse.json({ error: 'Set BASIQ_USER_ID' }, { status: 500 });
  }
  // 303: the browser follows the form's POST with a GET of the home page.
  const response = seeHome();
  response.cookies.set(SESSION_COOKIE, sessionValue(basiqUserId), {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.nextUrl.protocol === 'https:',
    path: '/',
  });
  return response;
}
