// A Server Component: it reads the session and where Basiq is, and hands the client component
// only the user's Basiq id and Basiq's URLs (never a token or the API key).
import { auth } from '@/auth';
import { basiqBaseUrl, basiqConsentUrl } from '@/basiq';
import { Bank } from './Bank';

export default async function Home() {
  const session = await auth();
  return (
    <main>
      <h1>Your bank</h1>
      {session ? (
        <>
          <form className="signed-in" method="post" action="/api/sign-out">
            <p>
              Signed in as <code>{session.user.basiqUserId}</code>
            </p>
            <button type="submit">Sign out</button>
          </form>
          <Bank
            userId={session.user.basiqUserId}
            baseUrl={basiqBaseUrl}
            consentBaseUrl={basiqConsentUrl}
          />
        </>
      ) : (
        <form method="post" action="/api/sign-in">
          <p>Sign in to connect your bank.</p>
          <button type="submit">Sign in</button>
        </form>
      )}
    </main>
  );
}
