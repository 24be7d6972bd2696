// app/api/basiq/token/route.ts
import { createTokenHandler } from 'basiq-react/server';
import { auth } from '@/auth'; // your own session

const handler = createTokenHandler({
  apiKey: process.env.BASIQ_API_KEY!,
  baseUrl: process.env.BASIQ_BASE_URL, // unset: https://au-api.basiq.io
  getUserId: async () => (await auth())?.user?.basiqUserId, // never a user id from the request
});
export { handler as GET, handler as POST };
